#include "tests/support/build_paths.h"

namespace layerlab::test {

// The values come from tests/CMakeLists.txt, for this file alone.
const char* cliExecutable() {
    return LAYERLAB_BUILD_CLI;
}
const char* studioExecutable() {
    return LAYERLAB_BUILD_STUDIO;
}
const char* resourcesDir() {
    return LAYERLAB_SOURCE_RESOURCES;
}
const char* testsDir() {
    return LAYERLAB_SOURCE_TESTS;
}

}  // namespace layerlab::test
