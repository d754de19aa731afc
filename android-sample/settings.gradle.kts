// For Android Studio and Gradle users. Not built in CI here (no Gradle, no Android SDK on the build
// machine); the Maven build (pom.xml) compiles and tests the same sources. See README.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        // wren-mqtt from `./mvnw install` in the repository root, until it is on Maven Central.
        mavenLocal()
        google()
        mavenCentral()
    }
}

rootProject.name = "wren-android-sample"
