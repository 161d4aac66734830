package io.outcry.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void secretsStayReferencesUntilAClientIsBuiltWhereTheyAreReadFromAFileAKeyOfAFileOrTheEnvironment() throws Exception {
        Path secrets = write("secrets.properties", "password=s3cret-from-file\n");
        Path file = write("es.properties", "username=outcry\npassword=${file:" + secrets + ":password}\n");

        Map<String, String> settings = ElasticsearchClientSettings.load(file);

        assertThat(settings).containsEntry("password", "${file:" + secrets + ":password}");
        assertThat(ElasticsearchClientSettings.resolve(settings, name -> null))
                .containsEntry("username", "outcry").containsEntry("password", "s3cret-from-file");
        Path mounted = write("api-key", "a2V5OnZhbHVl\n");
        Map<String, String> wholeFile = ElasticsearchClientSettings.load(write("mounted.properties", "api_key=${file:" + mounted + "}\n"));
        assertThat(ElasticsearchClientSettings.resolve(wholeFile, name -> null)).containsEntry("api_key", "a2V5OnZhbHVl");
        Map<String, String> apiKey = ElasticsearchClientSettings.load(write("key.properties", "api_key=${env:OUTCRY_ES_KEY}\n"));
        assertThat(ElasticsearchClientSettings.resolve(apiKey, name -> name.equals("OUTCRY_ES_KEY") ? "a2V5OnZhbHVl" : null))
                .containsEntry("api_key", "a2V5OnZhbHVl");
    }

    @Test
    void aSecretWrittenInClearIsRefusedWithOneLineNamingTheFileTheSettingAndTheFix() throws Exception {
        Path file = write("es.properties", "username=outcry\npassword=hunter2\n");

        assertThatThrownBy(() -> ElasticsearchClientSettings.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--elasticsearch-properties " + file)
                .hasMessageContaining("password=${file:")
                .hasMessageContaining("${env:")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void mistakesInTheFileAreRefusedWithTheFix() throws Exception {
        assertThatThrownBy(() -> ElasticsearchClientSettings.load(write("a.properties", "user=outcry\n")))
                .hasMessageContaining("unknown setting user").hasMessageContaining("username");
        assertThatThrownBy(() -> ElasticsearchClientSettings.load(write("b.properties", "username=outcry\n")))
                .hasMessageContaining("give both username and password");
        assertThatThrownBy(() -> ElasticsearchClientSettings.load(write("c.properties",
                "username=outcry\npassword=${env:P}\napi_key=${env:K}\n")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ElasticsearchClientSettings.load(write("d.properties", "ssl.ca_trusted_fingerprint=AB:CD\n")))
                .hasMessageContaining("64 hex digits");
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> ElasticsearchClientSettings.load(missing))
                .hasMessageStartingWith("--elasticsearch-properties " + missing + ": cannot read it");
    }

    @Test
    void aReferenceThatCannotBeResolvedNamesTheFileOrVariableButNoValue() throws Exception {
        Path secrets = write("secrets.properties", "other=s3cret\n");
        Map<String, String> fromFile = ElasticsearchClientSettings.load(write("es.properties",
                "username=outcry\npassword=${file:" + secrets + ":password}\n"));
        Map<String, String> fromMissingFile = Map.of("password", "${file:" + dir.resolve("gone.properties") + ":password}");
        Map<String, String> fromEnv = Map.of("api_key", "${env:OUTCRY_UNSET}");

        assertThatThrownBy(() -> ElasticsearchClientSettings.resolve(fromFile, name -> null))
                .hasMessageContaining("key password of " + secrets).hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ElasticsearchClientSettings.resolve(fromMissingFile, name -> null))
                .hasMessageContaining("gone.properties, which cannot be read on this machine");
        assertThatThrownBy(() -> ElasticsearchClientSettings.resolve(fromEnv, name -> null))
                .hasMessageContaining("environment variable OUTCRY_UNSET, which is not set");
    }

    @Test
    void aCaToTrustAsksForHttpsUrls() throws Exception {
        Map<String, String> settings = ElasticsearchClientSettings.load(write("es.properties",
                "ssl.ca_trusted_fingerprint=" + "ab".repeat(32) + "\n"));

        assertThat(ElasticsearchClients.hosts(List.of("https://es:9200"), settings)).hasSize(1);
        assertThatThrownBy(() -> ElasticsearchClients.hosts(List.of("http://es:9200"), settings))
                .hasMessageContaining("write https://es:9200");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
