package org.linli.console;

/** One option of a select, radio or checkbox list on a console form. */
public record Choice(String value, String label, boolean selected) {
}
