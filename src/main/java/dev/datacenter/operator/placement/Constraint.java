package dev.datacenter.operator.placement;

import java.util.Objects;

/**
 * A Marathon placement constraint. {@code field} is a node label key or one of the aliases
 * {@code @hostname} (also {@code hostname}), {@code @zone}, {@code @region}. {@code value} may be null
 * where the operator allows it (UNIQUE, CLUSTER, GROUP_BY).
 */
public record Constraint(String field, Operator operator, String value) {

    public Constraint {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
    }

    public static Constraint of(String field, Operator operator) {
        return new Constraint(field, operator, null);
    }

    public static Constraint of(String field, Operator operator, String value) {
        return new Constraint(field, operator, value);
    }

    /** The seven Marathon operators. */
    public enum Operator {
        UNIQUE,
        CLUSTER,
        GROUP_BY,
        LIKE,
        UNLIKE,
        MAX_PER,
        IS
    }

    @Override
    public String toString() {
        return value == null ? field + " " + operator : field + " " + operator + " " + value;
    }
}
