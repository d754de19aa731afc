package dev.wren.mqtt.internal.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.tinylog.Logger;

class TlsProvidersTest {
  @Test void autoPicksBouncyCastleOnlyWhenPresent() {
    assertEquals(TlsProvider.BOUNCY_CASTLE, TlsProviders.resolve(TlsProvider.AUTO, true));
    assertEquals(TlsProvider.PLATFORM, TlsProviders.resolve(TlsProvider.AUTO, false));
    assertEquals(TlsProvider.PLATFORM, TlsProviders.resolve(TlsProvider.PLATFORM, true));
    assertEquals(TlsProvider.BOUNCY_CASTLE, TlsProviders.resolve(TlsProvider.BOUNCY_CASTLE, true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsProviders.resolve(TlsProvider.BOUNCY_CASTLE, false));
    assertTrue(e.getMessage().contains("org.bouncycastle:bctls-jdk18on"), e.getMessage());
  }

  @Test void detectsBouncyCastleOnTheClassPath() {
    assertTrue(TlsProviders.BOUNCY_CASTLE_PRESENT, "the sdk's tests have bctls");
    assertTrue(TlsProviders.bouncyCastlePresent(getClass().getClassLoader()));
    assertFalse(TlsProviders.bouncyCastlePresent(new URLClassLoader(new URL[0], null)));
  }

  /** The SDK's classes alone, with tinylog: what an application without bctls runs. */
  @Test void withoutBouncyCastleTheSdkLoadsAndExplainsWhatToAdd() throws Exception {
    URL sdk = TlsOptions.class.getProtectionDomain().getCodeSource().getLocation();
    URL tinylog = Logger.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {sdk, tinylog},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> providers = loader.loadClass(TlsProviders.class.getName());
      assertFalse(providers.getField("BOUNCY_CASTLE_PRESENT").getBoolean(null));
      Class<?> options = loader.loadClass(TlsOptions.class.getName());
      Object builder = options.getMethod("builder").invoke(null);
      @SuppressWarnings({"unchecked", "rawtypes"})
      Object bc = Enum.valueOf((Class) loader.loadClass(TlsProvider.class.getName()),
          "BOUNCY_CASTLE");
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> builder.getClass().getMethod("provider", bc.getClass()).invoke(builder, bc));
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("add the dependency"
          + " org.bouncycastle:bctls-jdk18on"), e.getCause().getMessage());
    }
  }
}
