package io.upgradeorchestrator.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

import io.upgradeorchestrator.worker.StepTopics;

/**
 * The element templates process owners place in Camunda Modeler must fit the code: each one names a Spring bean
 * that exists and is a {@link JavaDelegate}, and every input it offers is one that bean actually reads; or it is an
 * external task whose topics are exactly the runbook steps' ({@link StepTopics}). Checked without starting the
 * application: beans are found by scanning the classes, inputs by reading the sources. Whatever part of the
 * properties panel a template's description sends the process owner to must be visible with the template applied.
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
    private static final Pattern EXTERNAL_TEMPLATE_ID = Pattern.compile("^io\\.upgradeorchestrator\\.external\\.[A-Z][A-Za-z0-9]*$");

    /**
     * Groups of Camunda Modeler's properties panel (Camunda 7) for a service task, with the entry labels that point
     * into them. With a template applied, the panel hides them unless the template sets {@code entriesVisible}.
     */
    private static final Map<String, List<String>> PANEL_GROUPS = new LinkedHashMap<>();

    static {
        PANEL_GROUPS.put("Asynchronous continuations", List.of("Asynchronous continuations", "Asynchronous before",
                "Asynchronous after", "Exclusive"));
        PANEL_GROUPS.put("Job execution", List.of("Job execution", "Retry time cycle", "Job priority"));
        PANEL_GROUPS.put("Inputs", List.of("Inputs"));
        PANEL_GROUPS.put("Outputs", List.of("Outputs"));
        PANEL_GROUPS.put("Execution listeners", List.of("Execution listeners"));
        PANEL_GROUPS.put("Extension properties", List.of("Extension properties"));
        PANEL_GROUPS.put("Field injections", List.of("Field injections"));
        PANEL_GROUPS.put("Implementation", List.of("Implementation"));
    }

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

    /** The templates whose implementation is a bean (the others are external tasks). */
    static Stream<Path> delegateTemplateFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path file : templateFiles().toList()) {
            if (!delegateTemplates(file).isEmpty()) {
                files.add(file);
            }
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("templateFiles")
    void shouldDescribeAServiceTaskForProcessOwners(Path file) throws IOException {
        for (JsonNode template : templates(file)) {
            assertThat(template.path("$schema").asText()).as("$schema of %s", file).isEqualTo(SCHEMA);
            if (isExternalTask(template)) {
                assertThat(template.path("id").asText()).as("id of %s", file).matches(EXTERNAL_TEMPLATE_ID);
                assertThat(property(template, "property", "camunda:delegateExpression"))
                        .as("%s is an external task and names no bean", file).isNull();
            } else {
                String bean = beanName(template, file);
                // one bean may back several templates (e.g. HTTP and SQL checks): each then has its own variant id
                assertThat(template.path("id").asText()).as("id of %s", file)
                        .matches(Pattern.quote("io.upgradeorchestrator." + Character.toUpperCase(bean.charAt(0))
                                + bean.substring(1)) + "(\\.[A-Z][A-Za-z0-9]*)?");
                JsonNode implementation = property(template, "property", "camunda:delegateExpression");
                assertThat(implementation.path("type").asText()).as("the implementation in %s is hidden", file)
                        .isEqualTo("Hidden");
                JsonNode async = property(template, "property", "camunda:asyncBefore");
                assertThat(async).as("%s lets the process owner choose camunda:asyncBefore", file).isNotNull();
                assertThat(async.path("type").asText()).isEqualTo("Boolean");
                assertThat(async.path("value").isBoolean()).as("default of asyncBefore in %s", file).isTrue();
            }
            assertThat(template.path("name").asText()).as("name of %s", file).isNotBlank();
            assertThat(template.path("description").asText()).as("description of %s", file).isNotBlank();
            assertThat(template.path("version").isInt()).as("integer version of %s", file).isTrue();
            assertThat(texts(template.path("appliesTo"))).as("appliesTo of %s", file).containsExactly("bpmn:ServiceTask");
            for (JsonNode property : template.path("properties")) {
                if (!"Hidden".equals(property.path("type").asText())) {
                    assertThat(property.path("label").asText()).as("label of every visible property in %s", file)
                            .isNotBlank();
                }
            }
        }
    }

    /**
     * A description that sends the process owner to a part of the properties panel ("set 'Job execution > Retry
     * time cycle' below") must not leave it hidden. A Camunda 7 template cannot bind those entries (the retry time
     * cycle is an extension element no binding reaches), so only {@code entriesVisible} shows them.
     */
    @ParameterizedTest
    @MethodSource("templateFiles")
    void shouldShowEveryGroupItsDescriptionPointsTo(Path file) throws IOException {
        for (JsonNode template : templates(file)) {
            String description = template.path("description").asText().toLowerCase(Locale.ROOT);
            boolean allVisible = template.path("entriesVisible").asBoolean(false);
            List<String> hidden = new ArrayList<>();
            for (Map.Entry<String, List<String>> group : PANEL_GROUPS.entrySet()) {
                boolean named = group.getValue().stream()
                        .anyMatch(label -> Pattern.compile("\\b" + Pattern.quote(label.toLowerCase(Locale.ROOT)) + "\\b")
                                .matcher(description).find());
                if (named && !allVisible) {
                    hidden.add(group.getKey());
                }
            }
            assertThat(hidden).as("groups the description of %s names but the Modeler hides once it is applied"
                    + " (set \"entriesVisible\": true)", file).isEmpty();
        }
    }

    /** The topic dropdown of an external-task template offers exactly the runbook steps' topics. */
    @Test
    void shouldOfferEveryRunbookTopicThereIs() throws IOException {
        List<JsonNode> external = new ArrayList<>();
        for (Path file : templateFiles().toList()) {
            for (JsonNode template : templates(file)) {
                if (isExternalTask(template)) {
                    external.add(template);
                }
            }
        }
        assertThat(external).as("templates for external tasks (runbook steps)").isNotEmpty();
        for (JsonNode template : external) {
            JsonNode type = property(template, "property", "camunda:type");
            assertThat(type.path("type").asText()).as("camunda:type of %s is hidden", template.path("id")).isEqualTo("Hidden");
            JsonNode topic = property(template, "property", "camunda:topic");
            assertThat(topic).as("%s binds camunda:topic", template.path("id")).isNotNull();
            assertThat(topic.path("type").asText()).isEqualTo("Dropdown");
            Set<String> offered = new TreeSet<>();
            topic.path("choices").forEach(choice -> offered.add(choice.path("value").asText()));
            assertThat(offered).as("topics offered by %s, against StepTopics.ALL", template.path("id"))
                    .isEqualTo(new TreeSet<>(StepTopics.ALL));
            assertThat(offered).as("default topic").contains(topic.path("value").asText());
        }
    }

    @ParameterizedTest
    @MethodSource("delegateTemplateFiles")
    void shouldNameAJavaDelegateBeanThatExists(Path file) throws Exception {
        for (JsonNode template : delegateTemplates(file)) {
            String bean = beanName(template, file);
            assertBeanExists(bean, file);
            assertThat(JavaDelegate.class.isAssignableFrom(Class.forName(BEANS.get(bean))))
                    .as("bean '%s' (%s) implements JavaDelegate", bean, BEANS.get(bean)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("delegateTemplateFiles")
    void shouldOfferOnlyInputsTheBeanReads(Path file) throws IOException {
        for (JsonNode template : delegateTemplates(file)) {
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

    static List<JsonNode> templates(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        return root.isArray() ? StreamSupport.stream(root.spliterator(), false).toList() : List.of(root);
    }

    private static List<JsonNode> delegateTemplates(Path file) throws IOException {
        return templates(file).stream().filter(template -> !isExternalTask(template)).toList();
    }

    static boolean isExternalTask(JsonNode template) {
        JsonNode type = property(template, "property", "camunda:type");
        return type != null && "external".equals(type.path("value").asText());
    }

    private static String beanName(JsonNode template, Path file) {
        JsonNode implementation = property(template, "property", "camunda:delegateExpression");
        assertThat(implementation).as("%s binds camunda:delegateExpression", file).isNotNull();
        Matcher matcher = DELEGATE_EXPRESSION.matcher(implementation.path("value").asText());
        assertThat(matcher.matches()).as("delegateExpression of %s is ${beanName}", file).isTrue();
        return matcher.group(1);
    }

    static JsonNode property(JsonNode template, String bindingType, String bindingName) {
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
