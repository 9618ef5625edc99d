package dev.datacenter.operator.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mistakes in a PersistentVolumeClaimSet's {@code spec.template} that the CRD schema (fabric8's
 * PersistentVolumeClaimSpec, without the API server's own PVC validation) lets through but that the API
 * server refuses when a claim is made from it: an unknown access mode or volume mode, no storage request or
 * one that is not a positive quantity, a storage class name that is not a DNS subdomain. Reported as the
 * set's {@code Ready=False}, reason {@code InvalidSpec}.
 */
public final class ClaimTemplateChecks {
    static final Set<String> ACCESS_MODES =
            Set.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");
    static final Set<String> VOLUME_MODES = Set.of("Filesystem", "Block");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ClaimTemplateChecks() {}

    /** One message per problem; empty when claims made from the template would be admitted. */
    public static List<String> problems(PersistentVolumeClaimSpec template) {
        List<String> problems = new ArrayList<>();
        if (template == null) {
            problems.add("spec.template is required");
            return problems;
        }
        List<String> modes = template.getAccessModes() == null ? List.of() : template.getAccessModes();
        if (modes.isEmpty()) {
            problems.add("spec.template.accessModes needs at least one mode");
        }
        for (String mode : modes) {
            if (!ACCESS_MODES.contains(mode)) {
                problems.add("spec.template.accessModes: unsupported value \"" + mode + "\" (supported: "
                        + "ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod)");
            }
        }
        if (template.getVolumeMode() != null && !VOLUME_MODES.contains(template.getVolumeMode())) {
            problems.add("spec.template.volumeMode: unsupported value \"" + template.getVolumeMode()
                    + "\" (supported: Filesystem, Block)");
        }
        String storageClass = template.getStorageClassName();
        if (storageClass != null
                && !storageClass.isEmpty()
                && !SUBDOMAIN.matcher(storageClass).matches()) {
            problems.add("spec.template.storageClassName \"" + storageClass + "\" is not a DNS subdomain");
        }
        Quantity storage =
                template.getResources() == null || template.getResources().getRequests() == null
                        ? null
                        : template.getResources().getRequests().get("storage");
        if (storage == null) {
            problems.add("spec.template.resources.requests.storage is required");
        } else if (!positive(storage)) {
            problems.add("spec.template.resources.requests.storage \"" + storage
                    + "\" must be a positive quantity, such as 10Gi");
        }
        return problems;
    }

    private static boolean positive(Quantity quantity) {
        try {
            return quantity.getNumericalAmount().compareTo(BigDecimal.ZERO) > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
