package org.linli.console;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link ConsoleCsrf} to the console's resources only: the check reads form bodies, which must never happen
 * to other endpoints (the WeChat callback's body is read before JAX-RS, and a form read would wait for it forever).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface CsrfChecked {
}
