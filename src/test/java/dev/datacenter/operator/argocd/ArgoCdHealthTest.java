package dev.datacenter.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs the Argo CD health scripts of deploy/argocd/ in a JVM Lua interpreter against status examples,
 * the way Argo CD does: the object as the global {@code obj}, the script's result a table with
 * {@code status} and {@code message}.
 */
class ArgoCdHealthTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CONFIG_MAP = Path.of("deploy/argocd/argocd-cm-health.yaml");
    private static final Path EXAMPLES = Path.of("src/test/resources/argocd");

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void healthMatchesWhatTheExampleExpects(Path example) throws IOException {
        String text = Files.readString(example);
        String expected =
                text.lines().findFirst().orElseThrow().replace("# expect:", "").trim();
        JsonNode object = YAML.readTree(text);

        LuaTable result = evaluate(object);

        assertThat(result.get("status").tojstring())
                .as("status for %s", example.getFileName())
                .isEqualTo(expected);
        assertThat(result.get("message").isstring())
                .as("a message for %s", example.getFileName())
                .isTrue();
    }

    @Test
    void messageCarriesTheReasonAndTheOperatorsMessage() throws IOException {
        JsonNode object = YAML.readTree(Files.readString(EXAMPLES.resolve("dca-pool-not-found.yaml")));
        assertThat(evaluate(object).get("message").tojstring())
                .isEqualTo("PoolNotFound: ResourcePool web does not exist");
    }

    @Test
    void everyKindHasAScriptInTheConfigMapForm() throws IOException {
        JsonNode data = YAML.readTree(CONFIG_MAP.toFile()).get("data");
        assertThat(data.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "resource.customizations.health.datacenter.dev_DataCenterApp",
                        "resource.customizations.health.datacenter.dev_ResourcePool",
                        "resource.customizations.health.datacenter.dev_PersistentVolumeClaimSet");
    }

    private static LuaTable evaluate(JsonNode object) throws IOException {
        String kind = object.get("kind").asText();
        String script = YAML.readTree(CONFIG_MAP.toFile())
                .get("data")
                .get("resource.customizations.health.datacenter.dev_" + kind)
                .asText();
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(object));
        LuaValue result = globals.load(script, kind + "-health").call();
        assertThat(result.istable()).as("the script returns a table").isTrue();
        return (LuaTable) result;
    }

    private static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        if (node.isIntegralNumber()) {
            return LuaValue.valueOf(node.asLong());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        return LuaValue.valueOf(node.asText());
    }
}
