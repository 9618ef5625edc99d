package dev.datacenter.operator.api;

/** The seven Marathon placement operators. */
public enum ConstraintOperator {
    UNIQUE,
    CLUSTER,
    GROUP_BY,
    LIKE,
    UNLIKE,
    MAX_PER,
    IS
}
