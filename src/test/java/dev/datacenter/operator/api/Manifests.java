package dev.datacenter.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Manifest files as the tests read them: YAML documents plus the {@code # key: value} header. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path INVALID = Path.of("src/test/resources/invalid");
    static final Path SAMPLES = Path.of("samples");
    static final Map<String, Class<?>> OUR_KINDS = Map.of(
            "DataCenterApp", DataCenterApp.class,
            "ResourcePool", ResourcePool.class,
            "PersistentVolumeClaimSet", PersistentVolumeClaimSet.class);

    private static final Pattern HEADER = Pattern.compile("^#\\s*([a-z ]+):\\s?(.*)$");

    private Manifests() {}

    /** Every {@code .yaml}/{@code .yml} file under {@code dir}, sorted, excluding {@code samples/sandbox/}. */
    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.startsWith(SAMPLES.resolve("sandbox")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of a YAML file (empty documents skipped). */
    static List<JsonNode> documents(Path file) {
        try {
            List<JsonNode> out = new ArrayList<>();
            YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class)
                    .forEachRemaining(d -> {
                        if (d != null && !d.isNull() && !d.isEmpty()) {
                            out.add(d);
                        }
                    });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of header lines {@code # key: value}, in order. */
    static List<String> header(Path file, String key) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith("#")) {
                    break;
                }
                Matcher m = HEADER.matcher(line);
                if (m.matches() && m.group(1).equals(key)) {
                    out.add(m.group(2).trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies a fix line to {@code doc}: {@code set <path> <json value>} or {@code remove <path>}, the
     * path written like the API server writes it ({@code spec.ports[1].name}).
     */
    static void applyFix(JsonNode doc, String fix) {
        String[] parts = fix.split(" ", 3);
        List<Object> path = parsePath(parts[1]);
        JsonNode parent = doc;
        for (Object p : path.subList(0, path.size() - 1)) {
            parent = p instanceof Integer i ? parent.get(i) : parent.get((String) p);
            if (parent == null) {
                throw new IllegalArgumentException("no " + p + " in the path of fix: " + fix);
            }
        }
        Object last = path.get(path.size() - 1);
        switch (parts[0]) {
            case "set" -> {
                JsonNode value;
                try {
                    value = JSON.readTree(parts[2]);
                } catch (IOException e) {
                    throw new IllegalArgumentException("fix value is not JSON: " + fix, e);
                }
                if (last instanceof Integer i) {
                    ((ArrayNode) parent).set(i, value);
                } else {
                    ((ObjectNode) parent).set((String) last, value);
                }
            }
            case "remove" -> {
                if (last instanceof Integer i) {
                    ((ArrayNode) parent).remove(i);
                } else if (((ObjectNode) parent).remove((String) last) == null) {
                    throw new IllegalArgumentException("nothing to remove: " + fix);
                }
            }
            default -> throw new IllegalArgumentException("a fix is 'set <path> <json>' or 'remove <path>': " + fix);
        }
    }

    private static List<Object> parsePath(String path) {
        List<Object> out = new ArrayList<>();
        Matcher m = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]").matcher(path);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return out;
    }
}
