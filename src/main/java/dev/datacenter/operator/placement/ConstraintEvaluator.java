package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An app's constraints, validated and compiled once (regexes included). Invalid constraints become
 * {@link AppError}s, never exceptions. Per node it answers whether every constraint and colocation rule holds.
 */
final class ConstraintEvaluator {

    /** One compiled constraint; {@code number} is the MAX_PER limit or the GROUP_BY expected value count (0 if absent). */
    record Rule(
            Constraint constraint, String field, Constraint.Operator op, String value, Pattern pattern, int number) {}

    private final List<Rule> rules;
    private final List<AppError> errors;
    /** Fields whose per-value instance counts the app must keep. */
    private final Set<String> countedFields;

    private ConstraintEvaluator(List<Rule> rules, List<AppError> errors, Set<String> countedFields) {
        this.rules = rules;
        this.errors = errors;
        this.countedFields = countedFields;
    }

    static ConstraintEvaluator compile(List<Constraint> constraints) {
        List<Rule> rules = new ArrayList<>();
        List<AppError> errors = new ArrayList<>();
        Set<String> counted = new LinkedHashSet<>();
        for (Constraint c : constraints) {
            String field = NodeAttributes.canonical(c.field());
            String value = c.value();
            Pattern pattern = null;
            int number = 0;
            switch (c.operator()) {
                case LIKE, UNLIKE -> {
                    if (value == null) {
                        errors.add(invalid(c, "needs a regular expression"));
                        continue;
                    }
                    try {
                        pattern = Pattern.compile(value);
                    } catch (PatternSyntaxException e) {
                        errors.add(invalid(c, "invalid regular expression: " + e.getDescription()));
                        continue;
                    }
                }
                case IS -> {
                    if (value == null) {
                        errors.add(invalid(c, "needs a value"));
                        continue;
                    }
                }
                case MAX_PER, GROUP_BY -> {
                    if (value == null && c.operator() == Constraint.Operator.MAX_PER) {
                        errors.add(invalid(c, "needs a positive integer"));
                        continue;
                    }
                    if (value != null) {
                        try {
                            number = Integer.parseInt(value.trim());
                        } catch (NumberFormatException e) {
                            number = -1;
                        }
                        if (number <= 0) {
                            errors.add(invalid(c, "value must be a positive integer"));
                            continue;
                        }
                    }
                    counted.add(field);
                }
                case UNIQUE -> counted.add(field);
                case CLUSTER -> {}
            }
            rules.add(new Rule(c, field, c.operator(), value, pattern, number));
        }
        return new ConstraintEvaluator(List.copyOf(rules), List.copyOf(errors), Set.copyOf(counted));
    }

    private static AppError invalid(Constraint c, String why) {
        return new AppError(AppError.INVALID_CONSTRAINT, "constraint [" + c + "] " + why);
    }

    /** Whether every constraint and colocation rule accepts the node for the request. */
    boolean accepts(NodeState n, PlacementRequest r) {
        for (int i = 0; i < rules.size(); i++) {
            if (!acceptsRule(i, n, r)) return false;
        }
        for (int i = 0; i < r.colocValues().size(); i++) {
            if (!acceptsColocation(i, n, r)) return false;
        }
        return true;
    }

    /** Whether constraint {@code i} (of {@link #rules}) accepts the node for the request. */
    boolean acceptsRule(int i, NodeState n, PlacementRequest r) {
        AppState app = r.app();
        Rule rule = rules.get(i);
        String v = n.attribute(rule.field);
        if (rule.op == Constraint.Operator.UNLIKE) {
            return v == null || !rule.pattern.matcher(v).matches();
        }
        if (v == null) return false;
        return switch (rule.op) {
            case UNIQUE -> app.count(rule.field, v) == 0;
            case MAX_PER -> app.count(rule.field, v) < rule.number;
            case CLUSTER -> {
                String target = rule.value != null ? rule.value : r.sticky()[i];
                yield target == null || target.equals(v);
            }
            case LIKE -> rule.pattern.matcher(v).matches();
            case IS -> rule.value.equals(v);
            case GROUP_BY, UNLIKE -> true;
        };
    }

    /** Whether colocation rule {@code i} (of the app's {@code colocateWith}) accepts the node. */
    boolean acceptsColocation(int i, NodeState n, PlacementRequest r) {
        String v = n.attribute(r.app().spec().colocateWith().get(i).field());
        return v != null && r.colocValues().get(i).contains(v);
    }

    /** Human-readable lines saying how the node satisfies each rule (for "why is instance i on node n"). */
    List<String> describe(NodeState n, AppState app) {
        List<String> out = new ArrayList<>();
        for (Rule rule : rules) {
            String v = n.attribute(rule.field);
            out.add(rule.constraint + ": node value " + (v == null ? "(none)" : "'" + v + "'")
                    + (app.rules().countedFields.contains(rule.field) && v != null
                            ? ", instances with this value " + app.count(rule.field, v)
                            : ""));
        }
        for (Colocation c : app.spec().colocateWith()) {
            out.add("colocateWith " + c.appKey() + " on " + c.field() + ": node value '" + n.attribute(c.field())
                    + "'");
        }
        return out;
    }

    Set<String> countedFields() {
        return countedFields;
    }

    List<AppError> errors() {
        return errors;
    }

    List<Rule> rules() {
        return rules;
    }
}
