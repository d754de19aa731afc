package dev.wren.mqtt.internal.transport.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.testing.AllocationBudget;
import java.io.File;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the PEM reader as the TLS options use it: a file read as certificates (caFile,
 * clientCertificate) and as a private key (corpus: PemFuzzTestInputs, certificates and keys of
 * every format). Holds for every input: certificates, a key or a {@link TlsException} naming the
 * file, nothing else (no IllegalArgumentException from base64 or DER, no ClassCastException
 * from a certificate); the PEM parse costs no allocation beyond a few times the file's size.
 */
class PemFuzzTest {
  private static final long SLACK = 256 * 1024;
  /** The JDK's certificate and key parsers: their own allocations, not bounded by ours. */
  private static final long PARSERS = 4L * 1024 * 1024;

  private static File file;
  private final AllocationBudget budget = new AllocationBudget();

  @BeforeAll
  static void warmUpJca() throws Exception {
    file = File.createTempFile("pem-fuzz", ".pem");
    // The first CertificateFactory and KeyFactory calls load providers: megabytes and seconds.
    CertificateFactory.getInstance("X.509");
    for (String algorithm : new String[] {"RSA", "EC", "RSASSA-PSS", "Ed25519", "Ed448", "DSA"}) {
      KeyFactory.getInstance(algorithm);
    }
    Files.write(file.toPath(), new byte[] {'x'});
    for (int i = 0; i < 2; i++) {
      try {
        Pem.certificates(file, "caFile");
      } catch (TlsException expected) {
        // no certificate: the message path is warm too
      }
    }
  }

  @AfterAll
  static void deleteFile() throws Exception {
    Files.deleteIfExists(file.toPath());
  }

  @FuzzTest
  void certificatesKeyOrTlsException(byte[] input) throws Exception {
    Files.write(file.toPath(), input);
    budget.call(8L * input.length + SLACK, "Pem.blocks", () -> {
      try {
        return Pem.blocks(input, file, "caFile");
      } catch (TlsException expected) {
        return null; // malformed PEM, named
      }
    });
    try {
      List<?> certificates = Pem.certificates(file, "caFile");
      assertFalse(certificates.isEmpty(), "certificates() returned none instead of failing");
    } catch (TlsException expected) {
      // not a certificate file, named
    }
    budget.call(8L * input.length + SLACK + PARSERS, "PrivateKeys.read", () -> {
      try {
        return PrivateKeys.read(file);
      } catch (TlsException expected) {
        return null; // not a key file, named
      }
    });
  }
}
