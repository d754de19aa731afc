package dev.wren.bench.driver;

import dev.wren.bench.Result;
import java.io.File;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;

/**
 * Eclipse Paho's {@link MqttAsyncClient} (its asynchronous API, so that the harness's window, not
 * a blocking call per message, sets the pace) with {@link MemoryPersistence} or
 * {@link MqttDefaultFilePersistence}, which writes and syncs one file per message: the
 * {@link Persistence#FILE_ALWAYS} of Paho. Paho has no batched sync.
 */
public final class PahoDriver implements Driver {
  private static final long TIMEOUT_MILLIS = 30_000;

  @Override public String library() {
    return Result.PAHO;
  }

  @Override public boolean supports(Persistence persistence) {
    return persistence != Persistence.FILE_BATCH;
  }

  @Override public BenchClient connect(String host, int port, String clientId,
      Persistence persistence, File dir) throws Exception {
    if (!supports(persistence)) {
      throw new IllegalArgumentException("Paho has no batched sync: " + persistence);
    }
    MqttClientPersistence store = persistence == Persistence.FILE_ALWAYS
        ? new MqttDefaultFilePersistence(dir.getPath())
        : new MemoryPersistence();
    MqttAsyncClient client = new MqttAsyncClient("tcp://" + host + ":" + port, clientId, store);
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setKeepAliveInterval(60);
    options.setMaxInflight(WINDOW);
    options.setAutomaticReconnect(false);
    try {
      client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
    } catch (Exception e) {
      client.close(true);
      throw e;
    }
    return new Client(client);
  }

  private static final class Client implements BenchClient, MqttCallback {
    private final MqttAsyncClient client;
    private volatile Receiver receiver;

    Client(MqttAsyncClient client) {
      this.client = client;
      client.setCallback(this);
    }

    @Override public void subscribe(String topic, int qos, Receiver receiver) throws Exception {
      this.receiver = receiver;
      IMqttToken token = client.subscribe(topic, qos);
      token.waitForCompletion(TIMEOUT_MILLIS);
      int granted = token.getGrantedQos()[0];
      if (granted != qos) throw new IllegalStateException("broker granted QoS " + granted + " for " + qos);
    }

    @Override public void publish(String topic, byte[] payload, int qos, Done done)
        throws Exception {
      client.publish(topic, payload, qos, false, null, new IMqttActionListener() {
        @Override public void onSuccess(IMqttToken token) {
          done.done(null);
        }

        @Override public void onFailure(IMqttToken token, Throwable failure) {
          done.done(failure);
        }
      });
    }

    @Override public void messageArrived(String topic, MqttMessage message) {
      byte[] payload = message.getPayload();
      receiver.onMessage(payload, 0, payload.length);
    }

    @Override public void deliveryComplete(IMqttDeliveryToken token) {
      // The per-publish action listener reports completion; nothing to do here.
    }

    @Override public void connectionLost(Throwable cause) {
      // The harness notices a lost connection as missing acknowledgements or messages and fails
      // the run naming them; this line says why.
      System.err.println("Paho connection lost: " + cause);
    }

    @Override public void close() throws Exception {
      try {
        if (client.isConnected()) client.disconnect(1_000).waitForCompletion(TIMEOUT_MILLIS);
      } finally {
        client.close();
      }
    }
  }
}
