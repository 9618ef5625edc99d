package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.model.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The protobuf request bodies kubectl sends for a few built-in kinds ({@code kubectl create namespace},
 * {@code create configmap}, {@code create secret}), read into JSON: the {@code k8s\0} envelope, its
 * {@code runtime.Unknown}, and the fields of Namespace, ConfigMap and Secret (with the ObjectMeta fields
 * a create sets). Any other kind is empty, and the sandbox answers 415.
 */
final class ProtobufBodies {

    private ProtobufBodies() {}

    static Optional<ObjectNode> decode(byte[] body) {
        if (body.length < 4 || body[0] != 'k' || body[1] != '8' || body[2] != 's' || body[3] != 0) {
            return Optional.empty();
        }
        try {
            Reader unknown = new Reader(body, 4, body.length);
            String apiVersion = "";
            String kind = "";
            byte[] raw = null;
            while (unknown.more()) {
                int field = unknown.field();
                if (field == 1 && unknown.wire == 2) {
                    Reader typeMeta = unknown.message();
                    while (typeMeta.more()) {
                        int f = typeMeta.field();
                        if (f == 1) {
                            apiVersion = typeMeta.string();
                        } else if (f == 2) {
                            kind = typeMeta.string();
                        } else {
                            typeMeta.skip();
                        }
                    }
                } else if (field == 2 && unknown.wire == 2) {
                    raw = unknown.bytes();
                } else {
                    unknown.skip();
                }
            }
            if (raw == null || !apiVersion.equals("v1")) {
                return Optional.empty();
            }
            ObjectNode out =
                    Json.MAPPER.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
            Reader object = new Reader(raw, 0, raw.length);
            switch (kind) {
                case "Namespace" -> {
                    while (object.more()) {
                        int f = object.field();
                        if (f == 1) {
                            out.set("metadata", metadata(object.message()));
                        } else if (f == 2) {
                            Reader spec = object.message();
                            var finalizers = out.putObject("spec").putArray("finalizers");
                            while (spec.more()) {
                                if (spec.field() == 1) {
                                    finalizers.add(spec.string());
                                } else {
                                    spec.skip();
                                }
                            }
                        } else {
                            object.skip();
                        }
                    }
                }
                case "ConfigMap", "Secret" -> {
                    boolean secret = kind.equals("Secret");
                    while (object.more()) {
                        int f = object.field();
                        if (f == 1) {
                            out.set("metadata", metadata(object.message()));
                        } else if (f == 2) {
                            mapEntry(object.message(), out.with("data"), secret);
                        } else if (f == 3 && !secret) {
                            mapEntry(object.message(), out.with("binaryData"), true);
                        } else if (f == 3) {
                            out.put("type", object.string());
                        } else if (f == 4 && secret) {
                            mapEntry(object.message(), out.with("stringData"), false);
                        } else if (f == (secret ? 5 : 4)) {
                            out.put("immutable", object.varint() != 0);
                        } else {
                            object.skip();
                        }
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
            return Optional.of(out);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode metadata(Reader meta) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        while (meta.more()) {
            int f = meta.field();
            switch (f) {
                case 1 -> out.put("name", meta.string());
                case 2 -> {
                    String generateName = meta.string();
                    if (!generateName.isEmpty()) {
                        out.put("generateName", generateName);
                    }
                }
                case 3 -> {
                    String namespace = meta.string();
                    if (!namespace.isEmpty()) {
                        out.put("namespace", namespace);
                    }
                }
                case 11 -> mapEntry(meta.message(), out.with("labels"), false);
                case 12 -> mapEntry(meta.message(), out.with("annotations"), false);
                case 14 -> out.withArray("finalizers").add(meta.string());
                default -> meta.skip();
            }
        }
        return out;
    }

    private static void mapEntry(Reader entry, ObjectNode into, boolean base64) {
        String key = "";
        byte[] value = new byte[0];
        while (entry.more()) {
            int f = entry.field();
            if (f == 1) {
                key = entry.string();
            } else if (f == 2) {
                value = entry.bytes();
            } else {
                entry.skip();
            }
        }
        into.put(key, base64 ? Base64.getEncoder().encodeToString(value) : new String(value, StandardCharsets.UTF_8));
    }

    /** A protobuf wire-format reader over a slice of bytes. */
    private static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;
        int wire;

        Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        int field() {
            long key = varint();
            wire = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[pos++];
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        byte[] bytes() {
            int length = (int) varint();
            if (length < 0 || pos + length > end) {
                throw new IllegalArgumentException("truncated field");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length);
            out.write(data, pos, length);
            pos += length;
            return out.toByteArray();
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int length = (int) varint();
            Reader inner = new Reader(data, pos, pos + length);
            pos += length;
            return inner;
        }

        void skip() {
            switch (wire) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int length = (int) varint(); // read before pos is: += would add to the old pos
                    pos += length;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + wire);
            }
        }
    }
}
