#!/usr/bin/env bash
# Probe: can GraalVM's native-image builder run here from Maven Central jars on the Temurin 25 JDK?
# Reproduces the README's "Native image" findings. Work files go to ${WORK:-/tmp/native-probe}; nothing
# is written into the repository or into the JDK. Prints the builder's verdict on a hello-world class.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
JDK=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
V=${GRAAL_VERSION:-25.0.2}
WORK=${WORK:-/tmp/native-probe}
M2=${M2:-$HOME/.m2/repository}
mkdir -p "$WORK/hello" "$WORK/out"
cd "$WORK"

# 1. The builder's jars from Maven Central (svm pulls compiler, pointsto, objectfile, native-image-base, sdk...).
"$REPO/mvnw" -B -q -ntp dependency:get -Dartifact=org.graalvm.nativeimage:svm:$V -Dtransitive=true
G=$M2/org/graalvm
MP=$(ls $G/nativeimage/{svm,objectfile,pointsto,native-image-base,svm-capnproto-runtime,svm-configure}/$V/*-$V.jar \
  $G/sdk/{nativeimage,word,collections,nativeimage-libgraal}/$V/*-$V.jar $G/truffle/truffle-compiler/$V/*-$V.jar \
  $G/espresso/espresso-svm/$V/*-$V.jar | paste -sd:)
COMPILER=$G/compiler/compiler/$V/compiler-$V.jar

# 2. A java.home the builder may extend: the JDK's files, with bin/ and lib/server/ copied (so java.home is
#    this directory) and the builder's one JNI helper (libreporterchelper, not on Maven Central) compiled here.
if [ ! -x jdk/bin/java ]; then
  mkdir -p jdk/lib && cp -a "$JDK"/{bin,conf,include,release} jdk/
  for f in "$JDK"/lib/*; do [ "$(basename "$f")" = server ] || ln -sf "$f" jdk/lib/; done
  cp -a "$JDK/lib/server" jdk/lib/
  mkdir -p jdk/lib/svm/builder/lib
  cat > rch.c <<'C'
#include <jni.h>
#include <sys/resource.h>
#include <sys/ioctl.h>
#include <unistd.h>
JNIEXPORT jlong JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *e, jclass c) {
  struct rusage u; return getrusage(RUSAGE_SELF, &u) ? -1 : (jlong) u.ru_maxrss * 1024; }
JNIEXPORT jint JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *e, jclass c) {
  struct winsize w; return ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) ? -1 : w.ws_col; }
C
  gcc -shared -fPIC -I"$JDK/include" -I"$JDK/include/linux" -o jdk/lib/svm/builder/lib/libreporterchelper.so rch.c
fi

# 3. Every JDK-internal package exported to the builder's modules (the GraalVM launcher does the same, selectively).
T=org.graalvm.nativeimage.base,org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.objectfile,jdk.graal.compiler
cat > Ex.java <<'J'
public class Ex { public static void main(String[] a) {
  for (Module m : ModuleLayer.boot().modules()) for (String p : m.getPackages())
    if (!m.isExported(p)) System.out.println("--add-exports=" + m.getName() + "/" + p + "=" + a[0]); } }
J
jdk/bin/java --add-modules ALL-SYSTEM Ex.java "$T" > exports.args
echo "--add-opens=java.base/java.lang=$T" >> exports.args

echo 'public class Hello { public static void main(String[] a) { System.out.println("hello native"); } }' > hello/Hello.java
jdk/bin/javac -d hello hello/Hello.java

# 4. The builder, started the way the native-image launcher starts it.
set +e
nice -n 19 jdk/bin/java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler -Xmx2g \
  -Dorg.graalvm.nativeimage.imagecode=buildtime -Dorg.graalvm.version=$V -Dcom.oracle.graalvm.isaot=true \
  -Djdk.internal.lambda.disableEagerInitialization=true -Djdk.module.main=org.graalvm.nativeimage.builder \
  -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader \
  @exports.args --enable-native-access=org.graalvm.nativeimage.builder \
  --upgrade-module-path "$COMPILER" --module-path "$MP" --add-modules ALL-MODULE-PATH \
  --module org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner \
  -imagecp "$WORK/hello" -H:Class=Hello -H:Name=hello -H:Path="$WORK/out" \
  -H:ImageBuildID="$(cat /proc/sys/kernel/random/uuid)" 2>&1 | grep -v -e '^WARNING' -e '^\s*at '
rc=${PIPESTATUS[0]}
echo "builder exit code: $rc"
[ -x out/hello ] && out/hello
exit $rc
