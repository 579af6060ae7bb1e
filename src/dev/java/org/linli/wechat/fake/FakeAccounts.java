package org.linli.wechat.fake;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered apps, the access tokens issued to them and the login codes of the fake WeChat API.
 *
 * <p>Like WeChat, fetching a new token through {@code /cgi-bin/token} supersedes the previous one, which stays
 * valid for a grace period of five minutes. {@code /cgi-bin/stable_token} keeps its own token per app and only
 * replaces it on {@code force_refresh} or expiry.
 */
final class FakeAccounts {

  static final Duration SUPERSEDED_GRACE = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Map<String, String> currentByFamily = new ConcurrentHashMap<>();
  private final Map<String, CodeUser> codes = new ConcurrentHashMap<>();
  private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
  private volatile Duration tokenTtl = Duration.ofHours(2);

  record Token(String value, String appId, Instant expiresAt, boolean invalidated) {
    long expiresInSeconds(Instant now) {
      return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }
  }

  record CodeUser(String openid, String unionid) {
  }

  void registerApp(String appId, String secret) {
    secrets.put(Objects.requireNonNull(appId, "appId"), Objects.requireNonNull(secret, "secret"));
  }

  void tokenTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("token TTL must be positive");
    }
    this.tokenTtl = ttl;
  }

  /** Checks app credentials: 0 when fine, else the errcode WeChat would answer. */
  int checkApp(String appId, String secret, int wrongSecretErrcode) {
    if (appId == null || appId.isEmpty()) {
      return WechatErrors.APPID_MISSING;
    }
    if (secret == null || secret.isEmpty()) {
      return WechatErrors.APPSECRET_MISSING;
    }
    String expected = secrets.get(appId);
    if (expected == null) {
      return WechatErrors.INVALID_APPID;
    }
    return expected.equals(secret) ? 0 : wrongSecretErrcode;
  }

  /** Issues a token; a stable token is reused unless it is expired, invalidated or {@code forceRefresh}. */
  synchronized Token issue(String appId, boolean stable, boolean forceRefresh) {
    Instant now = Instant.now();
    String family = appId + (stable ? "#stable" : "#token");
    Token previous = Optional.ofNullable(currentByFamily.get(family)).map(tokens::get).orElse(null);
    if (stable && !forceRefresh && previous != null && !previous.invalidated() && previous.expiresAt().isAfter(now)) {
      return previous;
    }
    if (previous != null) {
      Instant graceEnd = now.plus(SUPERSEDED_GRACE);
      if (graceEnd.isBefore(previous.expiresAt())) {
        tokens.put(previous.value(), new Token(previous.value(), appId, graceEnd, previous.invalidated()));
      }
    }
    Token token = new Token(newTokenValue(), appId, now.plus(tokenTtl), false);
    tokens.put(token.value(), token);
    currentByFamily.put(family, token.value());
    return token;
  }

  /** Checks an access token: 0 when valid, else 41001 (missing), 40001 (unknown/invalidated) or 42001 (expired). */
  int checkToken(String value) {
    if (value == null || value.isEmpty()) {
      return WechatErrors.ACCESS_TOKEN_MISSING;
    }
    Token token = tokens.get(value);
    if (token == null || token.invalidated()) {
      return WechatErrors.INVALID_CREDENTIAL;
    }
    return token.expiresAt().isAfter(Instant.now()) ? 0 : WechatErrors.ACCESS_TOKEN_EXPIRED;
  }

  Optional<String> appOf(String tokenValue) {
    return Optional.ofNullable(tokenValue).map(tokens::get).map(Token::appId);
  }

  void expireAllTokens() {
    Instant past = Instant.now().minusSeconds(1);
    tokens.replaceAll((value, t) -> new Token(value, t.appId(), past, t.invalidated()));
  }

  void invalidateAllTokens() {
    tokens.replaceAll((value, t) -> new Token(value, t.appId(), t.expiresAt(), true));
  }

  void registerCode(String code, String openid, String unionid) {
    codes.put(Objects.requireNonNull(code, "code"), new CodeUser(Objects.requireNonNull(openid, "openid"), unionid));
    usedCodes.remove(code);
  }

  /** The user behind a code: registered, else derived as {@code "mini-" + code} / {@code "union-" + code}. */
  CodeUser userOf(String code) {
    CodeUser registered = codes.get(code);
    return registered != null ? registered : new CodeUser("mini-" + code, "union-" + code);
  }

  /** Marks a code as used; false if it had been used before. */
  boolean redeem(String code) {
    return usedCodes.add(code);
  }

  /** Forgets tokens and codes; registered apps stay. */
  synchronized void reset() {
    tokens.clear();
    currentByFamily.clear();
    codes.clear();
    usedCodes.clear();
  }

  static String randomToken(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** A session key as WeChat hands them out: Base64 of 16 random bytes. */
  static String randomSessionKey() {
    byte[] raw = new byte[16];
    RANDOM.nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  private static String newTokenValue() {
    return "FAKE_" + randomToken(48);
  }
}
