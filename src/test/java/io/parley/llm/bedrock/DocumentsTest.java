package io.parley.llm.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.document.Document;
import tools.jackson.databind.json.JsonMapper;

class DocumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void keepsEveryKindOfJsonValueThroughADocumentAndBack() {
        String json =
                """
                {"s":"é \\"quoted\\" \\u2028","i":12345678901234567890,"d":0.1,"neg":-2.5e-3,"t":true,"f":false,\
                "n":null,"a":[1,"two",{"three":[]}],"o":{"nested":{"deep":"yes"}}}""";

        String back = Documents.json(Documents.object(json));

        assertThat(JSON.readTree(back)).isEqualTo(JSON.readTree(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "{not json", ""})
    void refusesWhatIsNotAJsonObjectWithoutQuotingIt(String notAnObject) {
        assertThatThrownBy(() -> Documents.object(notAnObject))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not json"));
    }

    @Test
    void turnsArgumentsThatAreNotAnObjectIntoAnEmptyObject() {
        assertThat(Documents.arguments("{oops")).isEqualTo(Document.fromMap(Map.of()));
    }

    @Test
    void writesAnAbsentDocumentAsAnEmptyObject() {
        assertThat(Documents.json(null)).isEqualTo("{}");
    }

    @Test
    void recognisesLlamaInBaseIdsInferenceProfilesAndArns() {
        assertThat(ModelIds.needsConverseForTools("meta.llama3-3-70b-instruct-v1:0"))
                .isTrue();
        assertThat(ModelIds.needsConverseForTools("us.meta.llama3-2-90b-instruct-v1:0"))
                .isTrue();
        assertThat(ModelIds.needsConverseForTools(
                        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-1-8b-instruct-v1:0"))
                .isTrue();
        assertThat(ModelIds.needsConverseForTools("anthropic.claude-3-5-haiku-20241022-v1:0"))
                .isFalse();
        assertThat(ModelIds.needsConverseForTools("amazon.nova-pro-v1:0")).isFalse();
    }
}
