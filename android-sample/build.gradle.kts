// For Android Studio and Gradle users. Not built in CI here (no Gradle, no Android SDK on the build
// machine); the Maven build (pom.xml) compiles the same sources against the Android 15 framework
// jar, checks them against the API 21 signature and runs the tests. See README.md.
plugins {
    id("com.android.application") version "8.7.3"
}

android {
    namespace = "dev.wren.android.sample"
    compileSdk = 35

    defaultConfig {
        applicationId = "dev.wren.android.sample"
        minSdk = 21
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }

    buildTypes {
        release {
            // R8 applies the consumer rules the wren-mqtt jar ships in META-INF/proguard/.
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"))
            signingConfig = signingConfigs.getByName("debug")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_1_8
        targetCompatibility = JavaVersion.VERSION_1_8
    }

    // The Robolectric tests need Mosquitto on the machine and the sdk's test fixtures, which only
    // the Maven build provides; Gradle builds the app only.
    sourceSets["test"].java.setSrcDirs(emptyList<String>())
}

dependencies {
    implementation("dev.wren:wren-mqtt:0.1.0-SNAPSHOT")
}
