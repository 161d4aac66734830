package io.outcry.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void aSecretReferencedThroughAFileIsResolvedByTheKafkaClientItself() throws Exception {
        Path secrets = write("secrets.properties", "ssl.truststore.password=changeit\n");
        Path file = write("kafka.properties", "security.protocol=SSL\nssl.truststore.password=${file:" + secrets
                + ":ssl.truststore.password}\n");

        Map<String, String> settings = KafkaClientProperties.load(file);

        assertThat(settings).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.password", "${file:" + secrets + ":ssl.truststore.password}")
                .containsEntry("config.providers", "file,env");
        Map<String, Object> producer = new HashMap<>(settings);
        producer.put("bootstrap.servers", "localhost:9092");
        producer.put("key.serializer", ByteArraySerializer.class.getName());
        producer.put("value.serializer", ByteArraySerializer.class.getName());
        ProducerConfig resolved = new ProducerConfig(producer);
        assertThat(resolved.getPassword("ssl.truststore.password").value()).isEqualTo("changeit");
    }

    @Test
    void aSecretWrittenInClearIsRefusedWithOneLineNamingTheFileTheSettingAndTheFix() throws Exception {
        Path file = write("kafka.properties", "security.protocol=SASL_SSL\nsasl.jaas.config=org.apache.kafka.common.security"
                + ".scram.ScramLoginModule required username=\"outcry\" password=\"hunter2\";\n");

        assertThatThrownBy(() -> KafkaClientProperties.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("sasl.jaas.config=${file:")
                .hasMessageContaining("${env:")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void settingsOutcryGivesItselfAreRefusedWithTheOptionToUseInstead() throws Exception {
        Path file = write("kafka.properties", "bootstrap.servers=broker:9092\n");

        assertThatThrownBy(() -> KafkaClientProperties.load(file))
                .hasMessage("--kafka-properties " + file + ": remove bootstrap.servers (give the brokers with --bootstrap-servers)");
    }

    @Test
    void anOperatorsOwnConfigProvidersAreKeptAsTheyAre() throws Exception {
        Path file = write("kafka.properties", "config.providers=vault\nconfig.providers.vault.class=com.example.Vault\n"
                + "ssl.key.password=${vault:kafka/key:password}\n");

        assertThat(KafkaClientProperties.load(file))
                .containsEntry("config.providers", "vault")
                .doesNotContainKey("config.providers.file.class");
    }

    @Test
    void aMissingFileIsNamedWithTheFix() {
        Path missing = dir.resolve("nowhere.properties");

        assertThatThrownBy(() -> KafkaClientProperties.load(missing))
                .hasMessageStartingWith("--kafka-properties " + missing + ": cannot read it")
                .hasMessageEndingWith("give a readable file of key=value lines");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
