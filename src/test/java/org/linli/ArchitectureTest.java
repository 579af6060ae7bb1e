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

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Module boundaries: only wechat knows WeChat, features do not form cycles, common depends on no feature, and a
 * feature's entities and repositories are its own.
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

    private static String feature(JavaClass c) {
        String rest = c.getPackageName().replaceFirst("^org\\.linli\\.?", "");
        return rest.isEmpty() ? "" : rest.split("\\.")[0];
    }
}
