package io.upgradeorchestrator.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The element templates process owners place in Camunda Modeler must fit the code: each one names a Spring bean
 * that exists and is a {@link JavaDelegate}, and every input it offers is one that bean actually reads. Checked
 * without starting the application: beans are found by scanning the classes, inputs by reading the sources.
 *
 * <p>Adding an action for process owners: write its delegate, then one JSON file in
 * {@code .camunda/element-templates/}; this test tells what does not fit.
 */
class ElementTemplatesTest {

    private static final Path TEMPLATES = Path.of(".camunda", "element-templates");
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path MAIL_TEMPLATES = Path.of("src", "main", "resources", "templates", "mail");
    private static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    private static final String BASE_PACKAGE = "io.upgradeorchestrator";
    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bean name → class name of every component in the application. */
    private static final Map<String, String> BEANS = new HashMap<>();

    @BeforeAll
    static void scanBeans() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
        for (BeanDefinition candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
            if (Files.exists(sourceFile(candidate.getBeanClassName()))) { // the application's, not the tests'
                String name = AnnotationBeanNameGenerator.INSTANCE.generateBeanName((AnnotatedBeanDefinition) candidate, registry);
                BEANS.put(name, candidate.getBeanClassName());
            }
        }
        assertThat(BEANS).as("components found under %s", BASE_PACKAGE).isNotEmpty();
    }

    static Stream<Path> templateFiles() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            List<Path> json = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            assertThat(json).as("element templates in %s", TEMPLATES.toAbsolutePath()).isNotEmpty();
            return json.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("templateFiles")
    void shouldDescribeAServiceTaskForProcessOwners(Path file) throws IOException {
        for (JsonNode template : templates(file)) {
            String bean = beanName(template, file);
            assertThat(template.path("$schema").asText()).as("$schema of %s", file).isEqualTo(SCHEMA);
            // one bean may back several templates (e.g. HTTP and SQL checks): each then has its own variant id
            assertThat(template.path("id").asText()).as("id of %s", file)
                    .matches(Pattern.quote("io.upgradeorchestrator." + Character.toUpperCase(bean.charAt(0))
                            + bean.substring(1)) + "(\\.[A-Z][A-Za-z0-9]*)?");
            assertThat(template.path("name").asText()).as("name of %s", file).isNotBlank();
            assertThat(template.path("description").asText()).as("description of %s", file).isNotBlank();
            assertThat(template.path("version").isInt()).as("integer version of %s", file).isTrue();
            assertThat(texts(template.path("appliesTo"))).as("appliesTo of %s", file).containsExactly("bpmn:ServiceTask");

            JsonNode implementation = property(template, "property", "camunda:delegateExpression");
            assertThat(implementation.path("type").asText()).as("the implementation in %s is hidden", file)
                    .isEqualTo("Hidden");
            JsonNode async = property(template, "property", "camunda:asyncBefore");
            assertThat(async).as("%s lets the process owner choose camunda:asyncBefore", file).isNotNull();
            assertThat(async.path("type").asText()).isEqualTo("Boolean");
            assertThat(async.path("value").isBoolean()).as("default of asyncBefore in %s", file).isTrue();
            for (JsonNode property : template.path("properties")) {
                if (!"Hidden".equals(property.path("type").asText())) {
                    assertThat(property.path("label").asText()).as("label of every visible property in %s", file)
                            .isNotBlank();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("templateFiles")
    void shouldNameAJavaDelegateBeanThatExists(Path file) throws Exception {
        for (JsonNode template : templates(file)) {
            String bean = beanName(template, file);
            assertBeanExists(bean, file);
            assertThat(JavaDelegate.class.isAssignableFrom(Class.forName(BEANS.get(bean))))
                    .as("bean '%s' (%s) implements JavaDelegate", bean, BEANS.get(bean)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("templateFiles")
    void shouldOfferOnlyInputsTheBeanReads(Path file) throws IOException {
        for (JsonNode template : templates(file)) {
            String bean = beanName(template, file);
            assertBeanExists(bean, file);
            String source = Files.readString(sourceFile(BEANS.get(bean)));
            List<String> unread = new ArrayList<>();
            for (JsonNode property : template.path("properties")) {
                JsonNode binding = property.path("binding");
                if ("camunda:inputParameter".equals(binding.path("type").asText())) {
                    String input = binding.path("name").asText();
                    if (!reads(source, input)) {
                        unread.add(input);
                    }
                }
            }
            assertThat(unread).as("inputs of %s that bean '%s' (%s) never reads", file, bean, BEANS.get(bean)).isEmpty();
        }
    }

    /** The Modeler treats templates with the same id as versions of one template: every id is used once. */
    @Test
    void shouldGiveEveryTemplateItsOwnId() throws IOException {
        Map<String, Path> seen = new HashMap<>();
        for (Path file : templateFiles().toList()) {
            for (JsonNode template : templates(file)) {
                Path before = seen.putIfAbsent(template.path("id").asText(), file);
                assertThat(before).as("id %s of %s is also the id of %s", template.path("id").asText(), file, before)
                        .isNull();
            }
        }
    }

    /** The mail dropdown offers exactly the mails there are: a new mail template shows up for process owners. */
    @Test
    void shouldOfferEveryMailTemplateThereIs() throws IOException {
        Set<String> mails = new TreeSet<>();
        try (Stream<Path> files = Files.list(MAIL_TEMPLATES)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".html") && !name.equals("fragments.html"))
                    .forEach(name -> mails.add(name.substring(0, name.length() - ".html".length())));
        }
        List<JsonNode> dropdowns = new ArrayList<>();
        for (Path file : templateFiles().toList()) {
            for (JsonNode template : templates(file)) {
                for (JsonNode property : template.path("properties")) {
                    if ("mailTemplate".equals(property.path("binding").path("name").asText())) {
                        dropdowns.add(property);
                    }
                }
            }
        }
        assertThat(dropdowns).as("templates with a mailTemplate input").isNotEmpty();
        for (JsonNode dropdown : dropdowns) {
            assertThat(dropdown.path("type").asText()).isEqualTo("Dropdown");
            Set<String> offered = new TreeSet<>();
            dropdown.path("choices").forEach(choice -> offered.add(choice.path("value").asText()));
            assertThat(offered).as("mail templates offered, against %s", MAIL_TEMPLATES).isEqualTo(mails);
            assertThat(offered).as("default mail template").contains(dropdown.path("value").asText());
        }
    }

    private static List<JsonNode> templates(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        return root.isArray() ? StreamSupport.stream(root.spliterator(), false).toList() : List.of(root);
    }

    private static String beanName(JsonNode template, Path file) {
        JsonNode implementation = property(template, "property", "camunda:delegateExpression");
        assertThat(implementation).as("%s binds camunda:delegateExpression", file).isNotNull();
        Matcher matcher = DELEGATE_EXPRESSION.matcher(implementation.path("value").asText());
        assertThat(matcher.matches()).as("delegateExpression of %s is ${beanName}", file).isTrue();
        return matcher.group(1);
    }

    private static JsonNode property(JsonNode template, String bindingType, String bindingName) {
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            if (bindingType.equals(binding.path("type").asText()) && bindingName.equals(binding.path("name").asText())) {
                return property;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static void assertBeanExists(String bean, Path file) {
        assertThat(BEANS.containsKey(bean)).as("%s names bean '%s', but %s has no @Component(\"%s\") nor a component class"
                + " of that default bean name", file, bean, SOURCES.resolve(BASE_PACKAGE.replace('.', '/')), bean).isTrue();
    }

    /** The source file of a class; nested classes live in their top-level class's file. */
    private static Path sourceFile(String className) {
        String topLevel = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return SOURCES.resolve(topLevel.replace('.', '/') + ".java");
    }

    /**
     * The bean reads an input when its name appears as a string literal in the bean's source, or in a constant
     * declared elsewhere under src/main/java that the bean's source uses (e.g. {@code Var.string("mailTo")}).
     */
    private static boolean reads(String beanSource, String input) throws IOException {
        String literal = "\"" + input + "\"";
        if (beanSource.contains(literal)) {
            return true;
        }
        Pattern constant = Pattern.compile("static\\s+final\\s+[\\w<>,.?\\s\\[\\]]+?\\s(\\w+)\\s*=[^;]*" + Pattern.quote(literal));
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = constant.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (Pattern.compile("\\b" + matcher.group(1) + "\\b").matcher(beanSource).find()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
