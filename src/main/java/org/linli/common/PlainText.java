package org.linli.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A name shown to other people (room, grid, community, display name): no control characters and no invisible
 * format characters (bidi overrides such as U+202E, zero-width spaces and joiners), which could make one address
 * look like another.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Check.class)
public @interface PlainText {

    String message() default "含有不可见的控制字符（如方向控制符或零宽字符），请删除后重试";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<PlainText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isPlain(value);
        }

        /** True when the text has no control (Cc) or format (Cf) characters and no line or paragraph separators. */
        public static boolean isPlain(String text) {
            return text.codePoints().noneMatch(c -> {
                int type = Character.getType(c);
                return type == Character.CONTROL || type == Character.FORMAT
                        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            });
        }
    }
}
