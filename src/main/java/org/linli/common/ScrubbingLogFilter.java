package org.linli.common;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * The last line of defence for "secrets never in logs": every record that reaches the console or file handler has
 * its message and its exception texts passed through {@link LogText#scrub}. Stack frames are kept.
 */
@LoggingFilter(name = "linli-scrub")
public final class ScrubbingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            String scrubbed = LogText.scrub(formatted);
            if (scrubbed != null && !scrubbed.equals(formatted)) {
                ext.setMessage(scrubbed, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && needsScrub(thrown, 0)) {
            record.setThrown(Scrubbed.copy(thrown, 0));
        }
        return true;
    }

    private static boolean needsScrub(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        String message = t.getMessage();
        if (message != null && !message.equals(LogText.scrub(message))) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (needsScrub(s, depth + 1)) {
                return true;
            }
        }
        return needsScrub(t.getCause(), depth + 1);
    }

    /** A stand-in that prints like the original (class name, scrubbed message, same frames and causes). */
    static final class Scrubbed extends RuntimeException {
        private final String originalClass;

        private Scrubbed(String originalClass, String message, Throwable cause) {
            super(message, cause, true, true);
            this.originalClass = originalClass;
        }

        static Throwable copy(Throwable t, int depth) {
            if (t == null || depth > 20) {
                return null;
            }
            Scrubbed copy = new Scrubbed(t.getClass().getName(), LogText.scrub(t.getMessage()), copy(t.getCause(), depth + 1));
            copy.setStackTrace(t.getStackTrace());
            for (Throwable s : t.getSuppressed()) {
                copy.addSuppressed(copy(s, depth + 1));
            }
            return copy;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
