package org.linli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Module boundaries: only wechat knows WeChat, features do not form cycles, common depends on no feature, and a
 * feature's entities, repositories and tables are its own.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.linli");
    }

    @Test
    void onlyTheWechatPackageImportsWxJava() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.linli.wechat..")
                .should().dependOnClassesThat().resideInAnyPackage("me.chanjar.weixin..", "cn.binarywang.wx..");
        rule.check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.linli.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void commonDependsOnNoFeature() {
        noClasses().that().resideInAPackage("org.linli.common..")
                .should().dependOnClassesThat(resideInAPackage("org.linli..").and(not(resideInAPackage("org.linli.common.."))))
                .check(classes);
    }

    // --- Dev-mode and test tooling (src/dev) stays out of the packaged application --------------------------------
    /** What src/dev compiles to; pom.xml's linli.dev-tooling.classes moves exactly these out before packaging. */
    private static final String[] DEV_TOOLING = {"org.linli.wechat.fake..", "org.linli.wechat.dev..",
            "org.linli.common.infra.embedded.."};

    @Test
    void mainCodeDoesNotDependOnDevTooling() {
        noClasses().that().resideOutsideOfPackages(DEV_TOOLING)
                .should().dependOnClassesThat().resideInAnyPackage(DEV_TOOLING)
                .because("src/dev is not packaged; main code reaches it only through WechatApiStandIn and"
                        + " RequiredServers.LocalServers")
                .check(classes);
    }

    @Test
    void devSourcesLiveInTheDevToolingPackages() throws IOException {
        Path root = Path.of("src/dev/java");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> strays = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> root.relativize(p.getParent()).toString().replace('/', '.'))
                    .filter(pkg -> Arrays.stream(DEV_TOOLING)
                            .noneMatch(dev -> (pkg + ".").startsWith(dev.substring(0, dev.length() - 1))))
                    .distinct().toList();
            assertEquals(List.of(), strays,
                    "packages in src/dev that pom.xml's linli.dev-tooling.classes would leave in the jar");
        }
    }

    /** A feature owns its entities and repositories; others call its services. */
    @Test
    void noFeatureTouchesAnotherFeaturesEntitiesOrRepositories() {
        DescribedPredicate<JavaClass> persistence = annotatedWith(Entity.class)
                .or(assignableTo(PanacheRepositoryBase.class)).and(resideInAPackage("org.linli.."))
                .as("entities and repositories");
        classes().that().resideInAPackage("org.linli..")
                .should(new ArchCondition<>("use only the entities and repositories of their own feature") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = d.getTargetClass();
                            if (persistence.test(target) && !feature(target).equals(feature(origin))) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        }
                    }
                })
                .check(classes);
    }

    // --- A feature's SQL touches only its own tables ----------------------------------------------------------------
    /** The foundation's tables, created together in V1: community and identity share them. */
    private static final Set<String> FOUNDATION = Set.of("community", "staff_account", "staff_role", "grid", "building",
            "building_unit", "household", "resident", "membership", "invite_code");
    private static final Map<String, String> OWNER_BY_PREFIX = Map.of("thread_", "thread", "consultation_thread",
            "thread", "holiday_calendar", "thread", "poll", "poll", "reminder", "reminder", "meeting", "meeting",
            "notice", "notice", "push_", "push");
    private static final Pattern CREATE = Pattern.compile("CREATE TABLE (\\w+)");
    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
            Pattern.DOTALL);

    /** Owners of every table the migrations create; a new table must be given one here. */
    private static Map<String, Set<String>> tableOwners() throws IOException {
        Map<String, Set<String>> owners = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.toList()) {
                Matcher m = CREATE.matcher(Files.readString(file));
                while (m.find()) {
                    String table = m.group(1);
                    Set<String> owner = FOUNDATION.contains(table) ? Set.of("community", "identity")
                            : OWNER_BY_PREFIX.entrySet().stream().filter(e -> table.startsWith(e.getKey()))
                            .map(e -> Set.of(e.getValue())).findFirst().orElse(Set.of());
                    owners.put(table, owner);
                }
            }
        }
        return owners;
    }

    @Test
    void aFeaturesSqlTouchesOnlyItsOwnTables() throws IOException {
        Map<String, Set<String>> owners = tableOwners();
        assertEquals(List.of(), owners.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                .toList(), "tables without an owning feature");
        Path root = Path.of("src/main/java/org/linli");
        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = root.relativize(file).getName(0).toString();
                // Literals joined with + read as one; separate literals never run into each other.
                String source = Files.readString(file).replaceAll("(?<!\")\"\\s*\\+\\s*\"(?!\")", "");
                StringBuilder sql = new StringBuilder();
                Matcher literal = LITERAL.matcher(source);
                while (literal.find()) {
                    sql.append(literal.group(1) != null ? literal.group(1) : literal.group(2)).append(" | ");
                }
                String text = sql.toString().toLowerCase(Locale.ROOT);
                owners.forEach((table, owner) -> {
                    if (!owner.contains(feature) && Pattern.compile("\\b(from|join|into|update)\\s+" + table
                            + "\\b").matcher(text).find()) {
                        trespasses.add(root.relativize(file) + " -> " + table);
                    }
                });
            }
        }
        assertEquals(List.of(), trespasses, "SQL on another feature's tables: call its service instead");
    }

    private static String feature(JavaClass c) {
        String rest = c.getPackageName().replaceFirst("^org\\.linli\\.?", "");
        return rest.isEmpty() ? "" : rest.split("\\.")[0];
    }
}
