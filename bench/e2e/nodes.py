#!/usr/bin/env python3
"""Writes a file of N simulated Node objects (JSON List) for datacenter.sandbox.nodes: 3 zones, racks of 40."""
import json, sys

n = int(sys.argv[1])
items = []
for i in range(n):
    name = "sim-%05d" % i
    zone = "zone-" + "abc"[i % 3]
    t = "2026-01-01T00:00:00Z"
    items.append({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {
            "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
            "topology.kubernetes.io/zone": zone, "rack": "rack-%d" % (i // 40)}},
        "spec": {},
        "status": {
            "capacity": {"cpu": "16", "memory": "64Gi", "pods": "110"},
            "allocatable": {"cpu": "16", "memory": "64Gi", "pods": "110"},
            "addresses": [{"type": "InternalIP", "address": "10.%d.%d.%d" % (i >> 16 & 255, i >> 8 & 255, i & 255)}],
            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                            "lastHeartbeatTime": t, "lastTransitionTime": t}],
            "nodeInfo": {"kubeletVersion": "v1.32.0-sandbox", "containerRuntimeVersion": "sandbox://simulated",
                         "operatingSystem": "linux", "architecture": "amd64", "osImage": "sim",
                         "kernelVersion": "n/a", "kubeProxyVersion": "n/a", "machineID": "", "systemUUID": "",
                         "bootID": ""}}})
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, sys.stdout)
