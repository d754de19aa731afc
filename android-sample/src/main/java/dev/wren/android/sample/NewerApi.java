package dev.wren.android.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that calls Android APIs newer than the app's minSdk 21 and runs only behind a
 * {@code Build.VERSION.SDK_INT >= value()} check at its call sites. The Maven build's API 21
 * check (animal-sniffer with the android-api-level-21 signature) skips these methods and checks
 * everything else, as Android Lint's NewApi check does for {@code @RequiresApi} in a Gradle build.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface NewerApi {
  /** The API level the annotated code needs. */
  int value();
}
