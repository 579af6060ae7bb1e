package org.linli.wechat.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scripted failures and latency of the fake WeChat API. A rule path of {@value #ANY_PATH} matches every API path.
 * Thread-safe: rules are added by tests while event-loop threads evaluate them.
 *
 * <p>Failure precedence: {@code failNext} (in registration order) before {@code failFor} before
 * {@code failAlways} before {@code failRandomly}. The delay of a call is the largest matching delay.
 */
final class FakeRules {

  static final String ANY_PATH = "*";

  private final List<NextRule> next = new CopyOnWriteArrayList<>();
  private final List<UserRule> perUser = new CopyOnWriteArrayList<>();
  private final List<PathRule> always = new CopyOnWriteArrayList<>();
  private final List<RandomRule> randomly = new CopyOnWriteArrayList<>();
  private final Map<String, Duration> latencies = new ConcurrentHashMap<>();
  private final Map<String, SlowRule> slow = new ConcurrentHashMap<>();

  void failNext(String path, int errcode, int times) {
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive");
    }
    next.removeIf(rule -> rule.remaining.get() <= 0);
    next.add(new NextRule(path(path), errcode, new AtomicInteger(times)));
  }

  void failAlways(String path, int errcode) {
    always.add(new PathRule(path(path), errcode));
  }

  void failFor(String path, String openid, int errcode) {
    perUser.add(new UserRule(path(path), Objects.requireNonNull(openid, "openid"), errcode));
  }

  void failRandomly(String path, int errcode, double fraction, long seed) {
    randomly.add(new RandomRule(path(path), errcode, fraction(fraction), new SplittableRandom(seed)));
  }

  void latency(String path, Duration delay) {
    if (delay == null || delay.isZero() || delay.isNegative()) {
      latencies.remove(path(path));
    } else {
      latencies.put(path(path), delay);
    }
  }

  void slowFraction(String path, double fraction, Duration delay, long seed) {
    slow.put(path(path), new SlowRule(fraction(fraction), Objects.requireNonNull(delay), new SplittableRandom(seed)));
  }

  void clear() {
    next.clear();
    perUser.clear();
    always.clear();
    randomly.clear();
    latencies.clear();
    slow.clear();
  }

  /** The scripted errcode for this call, if any; consumes {@code failNext} budgets and random draws. */
  OptionalInt failure(String path, String openid) {
    for (NextRule rule : next) {
      if (matches(rule.path, path) && rule.take()) {
        return OptionalInt.of(rule.errcode);
      }
    }
    for (UserRule rule : perUser) {
      if (matches(rule.path, path) && rule.openid.equals(openid)) {
        return OptionalInt.of(rule.errcode);
      }
    }
    for (PathRule rule : always) {
      if (matches(rule.path, path)) {
        return OptionalInt.of(rule.errcode);
      }
    }
    for (RandomRule rule : randomly) {
      if (matches(rule.path, path) && rule.hit()) {
        return OptionalInt.of(rule.errcode);
      }
    }
    return OptionalInt.empty();
  }

  /** How long to hold the answer to this call. */
  Duration delay(String path) {
    Duration result = Duration.ZERO;
    result = max(result, latencies.get(path));
    result = max(result, latencies.get(ANY_PATH));
    result = max(result, slowDelay(slow.get(path)));
    result = max(result, slowDelay(slow.get(ANY_PATH)));
    return result;
  }

  private static Duration slowDelay(SlowRule rule) {
    return rule != null && rule.hit() ? rule.delay : null;
  }

  private static Duration max(Duration a, Duration b) {
    return b != null && b.compareTo(a) > 0 ? b : a;
  }

  private static boolean matches(String rulePath, String path) {
    return ANY_PATH.equals(rulePath) || rulePath.equals(path);
  }

  private static String path(String path) {
    return Objects.requireNonNull(path, "path");
  }

  private static double fraction(double fraction) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be within [0, 1]: " + fraction);
    }
    return fraction;
  }

  private record NextRule(String path, int errcode, AtomicInteger remaining) {
    boolean take() {
      return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
  }

  private record UserRule(String path, String openid, int errcode) {
  }

  private record PathRule(String path, int errcode) {
  }

  private record RandomRule(String path, int errcode, double fraction, SplittableRandom random) {
    boolean hit() {
      synchronized (random) {
        return random.nextDouble() < fraction;
      }
    }
  }

  private record SlowRule(double fraction, Duration delay, SplittableRandom random) {
    boolean hit() {
      synchronized (random) {
        return random.nextDouble() < fraction;
      }
    }
  }
}
