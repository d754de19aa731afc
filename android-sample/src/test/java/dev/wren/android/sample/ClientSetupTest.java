package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.OverflowPolicy;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import org.junit.Test;

public class ClientSetupTest {
  @Test public void fileQueueUnderTheFilesDirectory() {
    File files = new File("/data/user/0/dev.wren.android.sample/files");
    QueueOptions q = ClientSetup.queue(files);
    assertEquals(new File(files, "wren-queue"), q.directory());
    assertEquals(SyncPolicy.BATCH, q.sync());
    assertEquals(OverflowPolicy.DROP_OLDEST, q.overflow());
    assertEquals(16L * 1024 * 1024, q.maxBytes());
  }

  @Test public void optionsFromTheSettings() {
    SampleSettings settings = SampleSettings.builder("wren-1").brokerUri("ssl://b.example:8883").build();
    ClientListener listener = new ClientListener() { };
    MqttOptions o = ClientSetup.options(new File("files"), settings, listener);
    assertEquals("ssl://b.example:8883", o.serverUri());
    assertEquals("wren-1", o.clientId());
    assertEquals(60, o.keepAliveSeconds());
    assertSame(listener, o.listener());
    assertEquals(new File("files", "wren-queue"), o.queue().directory());
  }
}
