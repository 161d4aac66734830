package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints go to files: the case tracker's state outgrows the job manager's 5 MB within minutes of a demo. */
class RunJobCheckpointsTest {

    @Test
    void checkpointsGoToTheGivenDirectory(@TempDir Path dir) {
        ReadableConfig conf = RunJob.fromArgs("--checkpoint-dir", dir.toString()).environment(new Configuration()).getConfiguration();

        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(dir.toUri().toString());
    }

    @Test
    void aLocalMiniClusterWithoutADirectoryCheckpointsToATemporaryOne() {
        ReadableConfig conf = RunJob.fromArgs().environment(new Configuration()).getConfiguration();

        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(Path.of(java.net.URI.create(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)))).isDirectory();
    }

    @Test
    void rocksDbCheckpointsWhatChangedAndTheHeapAllOfIt() {
        ReadableConfig rocksDb = RunJob.fromArgs("--state-backend", "rocksdb").environment(new Configuration()).getConfiguration();
        ReadableConfig heap = RunJob.fromArgs("--state-backend", "hashmap").environment(new Configuration()).getConfiguration();

        assertThat(rocksDb.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(heap.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
    }
}
