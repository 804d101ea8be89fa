package org.projunn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** projunn's version: from a resource Maven fills in at build time, else the jar manifest. */
public final class VersionInfo implements IVersionProvider {

    public static String version() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }

    public static String javaVersion() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ", "
                + System.getProperty("java.home", "?") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"projunn " + version(), "Java " + javaVersion()};
    }
}
