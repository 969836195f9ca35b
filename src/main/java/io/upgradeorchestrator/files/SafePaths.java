package io.upgradeorchestrator.files;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one way to turn an id or a name into part of a file path. Upgrade ids, run ids, node ids and system ids come
 * from requests, the engine and the inventory; none of them is trusted as a path. Each segment must look like an
 * id (letters, digits, '.', '_', '-', starting with a letter or digit, so no '/', '\', '..' or leading '.'), and the
 * resolved, normalised path must stay under its root.
 */
public final class SafePaths {

    /** What an id may look like where it becomes one path segment (file or folder name). */
    public static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private SafePaths() {
    }

    /**
     * The value, when it is a safe single path segment.
     *
     * @param what names the value in the message, e.g. "upgrade id"
     * @throws UnsafePathException otherwise
     */
    public static String segment(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new UnsafePathException(what + " is empty; it cannot name a file or folder");
        }
        if (!SEGMENT.matcher(value).matches()) {
            throw new UnsafePathException(what + " '" + abbreviate(value) + "' cannot name a file or folder: it must "
                    + "be 1 to 128 letters, digits, '.', '_' or '-' and start with a letter or digit");
        }
        return value;
    }

    /**
     * {@code root/segment/segment…}, absolute and normalised, after checking each segment as
     * {@link #segment(String, String)} does and that the result lies strictly under {@code root}.
     *
     * @throws UnsafePathException when a segment is not a safe id or the result leaves {@code root}
     */
    public static Path under(Path root, String... segments) {
        Path base = root.toAbsolutePath().normalize();
        Path path = base;
        for (String segment : segments) {
            String what = "path segment under " + base;
            try {
                path = path.resolve(segment(what, segment));
            } catch (InvalidPathException e) {
                throw new UnsafePathException(what + " '" + abbreviate(segment) + "' is not a valid file name: "
                        + e.getReason());
            }
        }
        path = path.toAbsolutePath().normalize();
        if (segments.length == 0 || !path.startsWith(base) || path.equals(base)) {
            throw new UnsafePathException("path " + path + " is not inside " + base);
        }
        return path;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "… (" + value.length() + " characters)";
    }

    /** An id or name that must not become (part of) a file path. */
    public static final class UnsafePathException extends IllegalArgumentException {

        UnsafePathException(String message) {
            super(message);
        }
    }
}
