package dev.wren.mqtt.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP proxy on 127.0.0.1 that only does {@code CONNECT host:port}: it checks Basic
 * credentials when asked to (407 otherwise), opens the TCP connection and relays bytes both ways.
 * It can also answer every CONNECT with a fixed status, or with garbage. Records each request's
 * head. Thread-safe.
 */
public final class HttpConnectProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String credentials;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile String fixedAnswer;

  private HttpConnectProxy(String user, String password) throws IOException {
    this.credentials = user == null ? null : Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t = new Thread(this::acceptLoop, "HttpConnectProxy-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /** A proxy that lets anyone through. */
  public static HttpConnectProxy open() throws IOException {
    return new HttpConnectProxy(null, null);
  }

  /** A proxy that wants {@code Proxy-Authorization: Basic} with these credentials. */
  public static HttpConnectProxy withCredentials(String user, String password) throws IOException {
    return new HttpConnectProxy(user, password);
  }

  /** Answers every CONNECT with this status line and closes (for example "HTTP/1.1 502 Bad Gateway"). */
  public HttpConnectProxy answerWith(String statusLine) {
    this.fixedAnswer = statusLine;
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String uri() {
    return "http://127.0.0.1:" + port();
  }

  /** The heads of the requests received, in order (request line and headers). */
  public List<String> requests() {
    return new ArrayList<>(requests);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      sockets.add(client);
      Thread t = new Thread(() -> serve(client), "HttpConnectProxy-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      requests.add(head);
      String[] requestLine = head.split("\r\n", 2)[0].split(" ");
      if (fixedAnswer != null) {
        answer(out, fixedAnswer);
        return;
      }
      if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
        answer(out, "HTTP/1.1 405 Method Not Allowed");
        return;
      }
      if (credentials != null
          && !head.contains("\r\nProxy-Authorization: Basic " + credentials + "\r\n")) {
        answer(out, "HTTP/1.1 407 Proxy Authentication Required\r\n"
            + "Proxy-Authenticate: Basic realm=\"test\"");
        return;
      }
      String target = requestLine[1];
      int colon = target.lastIndexOf(':');
      String host = target.substring(0, colon).replace("[", "").replace("]", "");
      Socket upstream = new Socket();
      sockets.add(upstream);
      try {
        upstream.connect(new InetSocketAddress(host, Integer.parseInt(target.substring(colon + 1))),
            5_000);
      } catch (IOException e) {
        answer(out, "HTTP/1.1 502 Bad Gateway");
        return;
      }
      out.write("HTTP/1.1 200 Connection established\r\nVia: test-proxy\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread back = new Thread(() -> relay(upstream, client), "HttpConnectProxy-back");
      back.setDaemon(true);
      back.start();
      relay(client, upstream);
    } catch (IOException e) {
      close(client);
    }
  }

  private static void answer(OutputStream out, String statusAndHeaders) throws IOException {
    out.write((statusAndHeaders + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) throw new IOException("client closed before the end of the request head");
      head.write(b);
      String s = head.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) return s;
    }
  }

  private static void relay(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // One side went away; closing both below ends the other relay too.
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override public void close() throws IOException {
    server.close();
    for (Socket s : sockets) close(s);
  }
}
