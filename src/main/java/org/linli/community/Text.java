package org.linli.community;

import java.text.Normalizer;

/** How names and addresses typed by people are compared and stored. */
final class Text {

    private Text() {
    }

    /** Full-width digits, letters and spaces become ASCII (Chinese input methods type both), outer spaces go. */
    static String clean(String typed) {
        return Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
    }
}
