package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A Marathon placement constraint: (field, operator, value). The field is a node label key or one of
 * the aliases {@code @hostname}, {@code @zone}, {@code @region}.
 */
@ValidationRule(
        value = "!(self.operator in ['LIKE', 'UNLIKE', 'MAX_PER', 'IS']) || (has(self.value) && self.value != '')",
        message = "value is required for the LIKE, UNLIKE, MAX_PER and IS operators",
        fieldPath = ".value")
@ValidationRule(
        value =
                "!(self.operator in ['MAX_PER', 'GROUP_BY']) || !has(self.value) || self.value.matches('^[1-9][0-9]{0,8}$')",
        message = "the value of MAX_PER and GROUP_BY must be a positive integer",
        fieldPath = ".value")
public class Constraint {
    @Required
    @Pattern(Patterns.ATTRIBUTE_FIELD)
    private String field;

    @Required
    private ConstraintOperator operator;

    @Size(max = 256)
    private String value;

    public Constraint() {}

    public Constraint(String field, ConstraintOperator operator, String value) {
        this.field = field;
        this.operator = operator;
        this.value = value;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public ConstraintOperator getOperator() {
        return operator;
    }

    public void setOperator(ConstraintOperator operator) {
        this.operator = operator;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
