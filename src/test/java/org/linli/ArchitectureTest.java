package org.linli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Module boundaries: only wechat knows WeChat, features do not form cycles, common depends on no feature. */
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
                .should().dependOnClassesThat().resideInAnyPackage("org.linli.identity..", "org.linli.community..",
                        "org.linli.wechat..", "org.linli.bot..", "org.linli.thread..", "org.linli.notice..",
                        "org.linli.poll..", "org.linli.reminder..", "org.linli.console..")
                .check(classes);
    }
}
