package org.linli.bot.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the scripts are read from: the configured directory when it exists (editable, reloadable), else the copy
 * packaged on the classpath under {@code bot-scripts/} (so the jar works anywhere). Blocking file access: call it
 * from a worker thread or at startup.
 */
public final class ScriptSource {

    public static final String CLASSPATH_ROOT = "bot-scripts";
    public static final String TEXTS = "texts.yaml";
    public static final String MENU = "menu.yaml";
    public static final String FLOWS = "flows";

    private final Path root;
    private final boolean directory;

    private ScriptSource(Path root, boolean directory) {
        this.root = root;
        this.directory = directory;
    }

    public static ScriptSource directory(Path dir) {
        return new ScriptSource(dir.toAbsolutePath().normalize(), true);
    }

    /** The configured directory if it exists, else the packaged copy; fails when neither is there. */
    public static ScriptSource locate(String configuredDir) {
        Path dir = Path.of(configuredDir);
        if (Files.isDirectory(dir)) {
            return directory(dir);
        }
        URL url = Thread.currentThread().getContextClassLoader().getResource(CLASSPATH_ROOT + "/" + TEXTS);
        if (url == null) {
            throw new ScriptException(dir.toAbsolutePath().toString(),
                    List.of("directory not found and no packaged copy on the classpath (linli.bot.scripts-dir)"));
        }
        return new ScriptSource(classpathRoot(url), false);
    }

    private static Path classpathRoot(URL textsUrl) {
        try {
            URI uri = textsUrl.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.provider().getPath(uri).getParent();
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unusable classpath URL " + textsUrl, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for an editable directory, whose changes are picked up by reload. */
    public boolean isDirectory() {
        return directory;
    }

    public String describe() {
        return directory ? root.toString() : "classpath:" + CLASSPATH_ROOT + " (" + root.toUri() + ")";
    }

    public String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    public boolean exists(String relative) {
        return Files.exists(root.resolve(relative));
    }

    /** flows/*.yaml, as paths relative to the root, sorted by name (the order keywords are tried in). */
    public List<String> flowFiles() throws IOException {
        Path flows = root.resolve(FLOWS);
        if (!Files.isDirectory(flows)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(flows)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .map(p -> FLOWS + "/" + p.getFileName())
                    .sorted()
                    .toList();
        }
    }

    /** A fingerprint of the files (names, sizes and modification times): changes when any file does. */
    public String fingerprint() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String file : Stream.concat(Stream.of(TEXTS, MENU), flowFiles().stream()).toList()) {
            Path p = root.resolve(file);
            if (Files.exists(p)) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                sb.append(file).append(':').append(a.size()).append(':').append(a.lastModifiedTime().toMillis())
                        .append(';');
            }
        }
        return sb.toString();
    }
}
