package dev.datacenter.operator.api;

/** Transport protocol of a port. */
public enum PortProtocol {
    TCP,
    UDP,
    SCTP
}
