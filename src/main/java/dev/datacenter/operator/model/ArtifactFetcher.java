package dev.datacenter.operator.model;

import dev.datacenter.operator.api.Artifact;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The init container that fetches an app's artifacts into {@code /mnt/artifacts}, as the Mesos
 * fetcher did. The script is a constant: the URIs, file names and modes are passed as positional
 * arguments ({@code sh -c SCRIPT fetch-artifacts uri file mode ...}), so no URI is ever parsed by the
 * shell. Each artifact is downloaded with curl (or wget where there is no curl); then, if
 * {@code executable}, made executable; otherwise, if {@code extract} and the name ends in .tar, .tgz,
 * .tar.gz, .tbz2, .tar.bz2, .txz, .tar.xz or .zip, extracted into the same directory (the archive is
 * kept, as Mesos kept it). Any failure fails the init container, so the app never starts without
 * its artifacts.
 */
public final class ArtifactFetcher {
    public static final String CONTAINER_NAME = "fetch-artifacts";
    public static final String VOLUME_NAME = "datacenter-artifacts";
    public static final String MOUNT_PATH = "/mnt/artifacts";
    /** An image with sh, curl, tar (gzip, bzip2, xz) and unzip. */
    public static final String DEFAULT_IMAGE = "curlimages/curl:8.11.1";

    static final String SCRIPT = String.join(
            "\n",
            "set -eu",
            "cd \"$ARTIFACTS_DIR\"",
            "while [ \"$#\" -ge 3 ]; do",
            "  uri=$1; file=$2; mode=$3; shift 3",
            "  echo \"fetching $uri -> $file ($mode)\"",
            "  if command -v curl >/dev/null 2>&1; then",
            "    curl -fsSL --retry 3 -o \"$file\" \"$uri\"",
            "  else",
            "    wget -q -O \"$file\" \"$uri\"",
            "  fi",
            "  case \"$mode\" in",
            "    executable) chmod +x \"$file\" ;;",
            "    tar) tar -xf \"$file\" ;;",
            "    tgz) tar -xzf \"$file\" ;;",
            "    tbz2) tar -xjf \"$file\" ;;",
            "    txz) tar -xJf \"$file\" ;;",
            "    zip) unzip -o -q \"$file\" ;;",
            "    plain) ;;",
            "    *) echo \"unknown mode $mode\" >&2; exit 2 ;;",
            "  esac",
            "done",
            "");

    private ArtifactFetcher() {}

    /**
     * The init container for {@code artifacts}, or null when there are none. {@code resources} are
     * the app container's: an init container as large as the app container adds nothing to what the
     * pod requests, and keeps the pod in the Guaranteed QoS class.
     */
    public static Container initContainer(List<Artifact> artifacts, String image, ResourceRequirements resources) {
        if (artifacts == null || artifacts.isEmpty()) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of("sh", "-c", SCRIPT, CONTAINER_NAME));
        command.addAll(arguments(artifacts));
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(image)
                .withCommand(command)
                .addNewEnv()
                .withName("ARTIFACTS_DIR")
                .withValue(MOUNT_PATH)
                .endEnv()
                .withResources(resources)
                .withVolumeMounts(mount())
                .build();
    }

    /** The mount of the artifacts volume, the same in the init container and the app container. */
    public static VolumeMount mount() {
        return new VolumeMountBuilder()
                .withName(VOLUME_NAME)
                .withMountPath(MOUNT_PATH)
                .build();
    }

    /** Positional arguments of the script: uri, file name, mode for each artifact. */
    static List<String> arguments(List<Artifact> artifacts) {
        List<String> args = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < artifacts.size(); i++) {
            Artifact a = artifacts.get(i);
            String file = fileName(a.getUri(), i);
            if (!used.add(file)) {
                file = i + "-" + file;
                used.add(file);
            }
            args.add(a.getUri());
            args.add(file);
            args.add(mode(a, file));
        }
        return args;
    }

    /**
     * The file name of an artifact: the last path segment of its URI (no query, no fragment), with
     * anything but letters, digits, '.', '_' and '-' replaced by '_'; {@code artifact-<i>} when that
     * leaves nothing usable (empty, or starting with '.' or '-').
     */
    static String fileName(String uri, int index) {
        String path;
        try {
            path = URI.create(uri).getPath();
        } catch (IllegalArgumentException e) {
            path = uri.replaceFirst("[?#].*$", "");
        }
        if (path == null) {
            path = "";
        }
        String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (last.isEmpty() || last.startsWith(".") || last.startsWith("-")) {
            return "artifact-" + index;
        }
        return last;
    }

    static String mode(Artifact a, String file) {
        if (SpecDefaults.executable(a)) {
            return "executable";
        }
        if (!SpecDefaults.extract(a)) {
            return "plain";
        }
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".tgz") || f.endsWith(".tar.gz")) {
            return "tgz";
        }
        if (f.endsWith(".tbz2") || f.endsWith(".tar.bz2")) {
            return "tbz2";
        }
        if (f.endsWith(".txz") || f.endsWith(".tar.xz")) {
            return "txz";
        }
        if (f.endsWith(".tar")) {
            return "tar";
        }
        return f.endsWith(".zip") ? "zip" : "plain";
    }
}
