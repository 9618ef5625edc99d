package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    @Test
    void jsonMergePatchReplacesArraysAndDeletesNullKeys() {
        JsonNode target = json("{'metadata':{'finalizers':['a'],'labels':{'x':'1','y':'2'}},'spec':{'instances':2}}");
        JsonNode patch = json("{'metadata':{'finalizers':['b'],'labels':{'y':null}},'spec':{'instances':3}}");

        assertThat(MergePatch.json(target, patch))
                .isEqualTo(json("{'metadata':{'finalizers':['b'],'labels':{'x':'1'}},'spec':{'instances':3}}"));
    }

    @Test
    void jsonMergePatchFollowsRfc7386Examples() {
        assertThat(MergePatch.json(json("{'a':'b'}"), json("{'a':'c'}"))).isEqualTo(json("{'a':'c'}"));
        assertThat(MergePatch.json(json("{'a':[{'b':'c'}]}"), json("{'a':[1]}")))
                .isEqualTo(json("{'a':[1]}"));
        assertThat(MergePatch.json(json("{'e':null}"), json("{'a':1}"))).isEqualTo(json("{'e':null,'a':1}"));
        assertThat(MergePatch.json(json("{}"), json("{'a':{'bb':{'ccc':null}}}")))
                .isEqualTo(json("{'a':{'bb':{}}}"));
    }

    @Test
    void strategicMergePatchMergesNamedListElementsAndDropsDirectives() {
        JsonNode target =
                json("{'spec':{'containers':[{'name':'app','image':'v1','args':['x']},{'name':'side','image':'s'}]}}");
        JsonNode patch = json(
                "{'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'side'}],"
                        + "'containers':[{'name':'app','image':'v2'},{'name':'side','$patch':'delete'},{'name':'new','image':'n'}]}}");

        assertThat(MergePatch.strategic(target, patch))
                .isEqualTo(
                        json(
                                "{'spec':{'containers':[{'name':'app','image':'v2','args':['x']},{'name':'new','image':'n'}]}}"));
    }

    @Test
    void strategicMergePatchUnitesFinalizersAndDeletesFromPrimitiveLists() {
        JsonNode target = json("{'metadata':{'finalizers':['a','b'],'labels':{'k':'v'}}}");
        JsonNode patch =
                json("{'metadata':{'finalizers':['c'],'$deleteFromPrimitiveList/finalizers':['a'],'labels':null}}");

        assertThat(MergePatch.strategic(target, patch)).isEqualTo(json("{'metadata':{'finalizers':['b','c']}}"));
    }
}
