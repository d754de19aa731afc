package dev.wren.mqtt.internal.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.TlsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsLayerTest {
  private static final String[] OLD_PLATFORM = {"TLSv1", "TLSv1.1", "TLSv1.2"};

  @Test void tls13IsDroppedQuietlyWhereAnotherVersionRemains() throws Exception {
    assertArrayEquals(new String[] {"TLSv1.2"},
        TlsLayer.protocols(List.of("TLSv1.3", "TLSv1.2"), OLD_PLATFORM, "Old (PLATFORM)"));
    assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, TlsLayer.protocols(
        List.of("TLSv1.3", "TLSv1.2"), new String[] {"TLSv1.2", "TLSv1.3"}, "New (PLATFORM)"));
  }

  @Test void tls13AloneOnAProviderWithoutItNamesTheProvider() {
    TlsException e = assertThrows(TlsException.class,
        () -> TlsLayer.protocols(List.of("TLSv1.3"), OLD_PLATFORM, "Old (PLATFORM)"));
    assertEquals(TlsException.Kind.UNSUPPORTED, e.kind());
    assertTrue(e.getMessage().contains("the TLS provider Old (PLATFORM) supports none of the"
        + " protocols asked for [TLSv1.3]"), e.getMessage());
  }
}
