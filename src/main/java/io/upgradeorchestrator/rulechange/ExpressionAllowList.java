package io.upgradeorchestrator.rulechange;

import java.util.Set;
import java.util.function.Predicate;

import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilder;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What a deployed JUEL expression may do, decided on the syntax tree that the engine's own parser builds (the same
 * parser and features the engine uses to evaluate it). An allow-list: literals, identifiers (process variables and
 * the product's beans), the logical, comparison and arithmetic operators, {@code ?:}, {@code empty}; one level of
 * property access on an identifier, never {@code class}; method calls only {@code execution.setVariable('name',
 * value)}, {@code execution.getVariable('name')} and calls on the product's own beans; functions only the engine's
 * {@code currentUser()}, {@code currentUserGroups()}, {@code now()}, {@code dateTime()}. Everything else — chained
 * calls, {@code getClass()}, calls on platform beans such as {@code jdbcTemplate} — is refused.
 */
final class ExpressionAllowList {

    static final Set<String> FUNCTIONS = Set.of("currentUser", "currentUserGroups", "now", "dateTime");
    private static final Set<AstBinary.Operator> OPERATORS = Set.of(AstBinary.AND, AstBinary.OR, AstBinary.EQ,
            AstBinary.NE, AstBinary.LT, AstBinary.GT, AstBinary.LE, AstBinary.GE, AstBinary.ADD, AstBinary.SUB,
            AstBinary.MUL, AstBinary.DIV);
    private static final TreeBuilder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
    private static final String EXECUTION = "execution";

    private final Predicate<String> productBean;
    private final Predicate<String> platformBean;

    /**
     * @param productBean  whether a name is one of the product's own beans (their methods may be called)
     * @param platformBean whether a name is a bean of the platform (Spring, Camunda, the JDBC pool …), whose
     *                     properties an expression must not read
     */
    ExpressionAllowList(Predicate<String> productBean, Predicate<String> platformBean) {
        this.productBean = productBean;
        this.platformBean = platformBean;
    }

    /** Whether text holds an expression at all (else the engine takes it as a plain value). */
    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** {@code null} when the expression is allowed, else what is not allowed about it. */
    String violation(String expression) {
        Node root;
        try {
            root = PARSER.build(expression).getRoot();
        } catch (TreeBuilderException | IllegalArgumentException e) {
            return "'" + expression + "' is not a valid expression (" + e.getMessage() + ")";
        }
        String violation = walk(root);
        return violation == null ? null : "'" + expression + "': " + violation;
    }

    /** Whether the expression is exactly {@code ${name}} of one of the product's beans. */
    boolean isProductBeanReference(String expression) {
        if (expression == null || !expression.startsWith("${")) {
            return false;
        }
        try {
            Node root = PARSER.build(expression).getRoot();
            return root instanceof AstEval eval && eval.getChild(0) instanceof AstIdentifier identifier
                    && productBean.test(identifier.getName());
        } catch (TreeBuilderException | IllegalArgumentException e) {
            return false;
        }
    }

    private String walk(Node node) {
        if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber
                || node instanceof AstBoolean || node instanceof AstNull || node instanceof AstIdentifier) {
            return null;
        }
        if (node instanceof AstEval || node instanceof AstComposite || node instanceof AstNested
                || node instanceof AstChoice || node instanceof AstParameters || node instanceof AstUnary) {
            return children(node); // ! not empty - (negation) and ?: are all allowed
        }
        if (node instanceof AstBinary binary) {
            return OPERATORS.contains(binary.getOperator()) ? children(node)
                    : "the operator " + binary.getOperator() + " is not allowed";
        }
        if (node instanceof AstDot || node instanceof AstBracket) {
            return property((AstProperty) node);
        }
        if (node instanceof AstMethod method) {
            return method(method);
        }
        if (node instanceof AstFunction function) {
            if (!FUNCTIONS.contains(function.getName())) {
                return "the function " + function.getName() + "() is not allowed; only "
                        + String.join("(), ", FUNCTIONS.stream().sorted().toList()) + "()";
            }
            return children(node);
        }
        return "'" + node + "' is not allowed in an expression";
    }

    private String children(Node node) {
        for (int i = 0; i < node.getCardinality(); i++) {
            String violation = walk(node.getChild(i));
            if (violation != null) {
                return violation;
            }
        }
        return null;
    }

    /** {@code a.b} or {@code a['b']}: one level deep, on a variable or a product bean, never {@code class}. */
    private String property(AstProperty property) {
        Node prefix = property.getChild(0);
        String name = propertyName(property);
        if (!(prefix instanceof AstIdentifier identifier)) {
            return "property access is allowed only one level deep on a variable (like ${riskAssessment.riskLevel})";
        }
        if (name == null) {
            return "bracket access is allowed only with a literal (like ${map['key']})";
        }
        if (name.equalsIgnoreCase("class") || name.equalsIgnoreCase("getClass")) {
            return "the property '" + name + "' is not allowed";
        }
        if (platformBean.test(identifier.getName())) {
            return identifier.getName() + " is a bean of the platform, not of the product; expressions may not use it";
        }
        return null;
    }

    private String method(AstMethod method) {
        Node target = method.getChild(0);
        AstParameters parameters = (AstParameters) method.getChild(1);
        String name = target instanceof AstDot dot ? propertyName(dot) : null;
        Node receiver = target.getChild(0);
        if (name == null || !(receiver instanceof AstIdentifier identifier)) {
            return "this method call is not allowed; only execution.setVariable('name', value), "
                    + "execution.getVariable('name') and the product's beans, like ${phases.enter(execution, 'CLOSE')}";
        }
        String call = identifier.getName() + "." + name + "()";
        if (name.equals("getClass") || name.equals("class")) {
            return call + " is not allowed";
        }
        if (identifier.getName().equals(EXECUTION)) {
            if (name.equals("setVariable") && parameters.getCardinality() == 2
                    && parameters.getChild(0) instanceof AstString && isLiteralOrIdentifier(parameters.getChild(1))) {
                return null;
            }
            if (name.equals("getVariable") && parameters.getCardinality() == 1 && parameters.getChild(0) instanceof AstString) {
                return null;
            }
            return call + " is not allowed; on execution only setVariable('name', <literal or variable>) and "
                    + "getVariable('name')";
        }
        if (!productBean.test(identifier.getName())) {
            return call + " is not allowed: " + identifier.getName() + " is not one of the product's beans";
        }
        return children(parameters);
    }

    private static boolean isLiteralOrIdentifier(Node node) {
        return node instanceof AstString || node instanceof AstNumber || node instanceof AstBoolean
                || node instanceof AstNull || node instanceof AstIdentifier;
    }

    /** The property's name, or {@code null} for a bracket with anything but a literal. */
    private static String propertyName(AstProperty property) {
        if (property instanceof AstDot) {
            String text = property.toString(); // ". name"
            return text.startsWith(". ") ? text.substring(2) : null;
        }
        Node key = property.getChild(1);
        if (key instanceof AstString || key instanceof AstNumber) {
            return String.valueOf(((org.camunda.bpm.impl.juel.AstLiteral) key).eval(null, null));
        }
        return null;
    }
}
