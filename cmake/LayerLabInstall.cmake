# `cmake --install` and `cpack -G DEB`: the studio and the CLI under <prefix>/bin, the presets, lesson cards
# and the bundled MNIST subset under <prefix>/share/layerlab/resources (where core/data_location.cpp looks,
# relative to the executable: ../share/layerlab/resources), and the desktop integration: a .desktop file, the
# icon (SVG and PNG sizes), AppStream metainfo and the MIME types of checkpoints and model files.
set(LAYERLAB_APP_ID io.github.layerlab.LayerLab)
set(LAYERLAB_DESKTOP_DIR ${CMAKE_CURRENT_SOURCE_DIR}/resources/desktop)

install(TARGETS layerlab-cli RUNTIME DESTINATION bin)
install(DIRECTORY resources/presets resources/lessons resources/mnist-subset
        DESTINATION share/layerlab/resources)
if(LAYERLAB_BUILD_GUI)
  install(TARGETS layerlab RUNTIME DESTINATION bin)
  install(FILES ${LAYERLAB_DESKTOP_DIR}/${LAYERLAB_APP_ID}.desktop DESTINATION share/applications)
  install(FILES ${LAYERLAB_DESKTOP_DIR}/${LAYERLAB_APP_ID}.metainfo.xml DESTINATION share/metainfo)
  install(FILES ${LAYERLAB_DESKTOP_DIR}/${LAYERLAB_APP_ID}.mime.xml DESTINATION share/mime/packages
          RENAME ${LAYERLAB_APP_ID}.xml)
  install(FILES resources/icons/layerlab.svg DESTINATION share/icons/hicolor/scalable/apps
          RENAME ${LAYERLAB_APP_ID}.svg)
  foreach(size 16 32 48 64 128 256)
    install(FILES resources/icons/layerlab-${size}.png DESTINATION share/icons/hicolor/${size}x${size}/apps
            RENAME ${LAYERLAB_APP_ID}.png)
  endforeach()
endif()

# cpack -G DEB: a package for Debian 12 (bookworm). dpkg-shlibdeps finds the package of every shared library
# the executables link (Qt 6, QCustomPlot, oneTBB, ONNX, protobuf, zlib, stb, libstdc++); what is loaded at
# run time without being linked is listed by hand: Qt's platform plugins (xcb, offscreen).
set(CPACK_PACKAGE_NAME layerlab)
set(CPACK_PACKAGE_VENDOR "LayerLab")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Neural network studio: build, train and look inside models on MNIST")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "LayerLab developers")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# The long description (CPack puts the summary line above it).
set(CPACK_PACKAGE_DESCRIPTION
    "LayerLab is a desktop studio for learning how neural networks work: drag layers into a model, train \
it on MNIST on all CPU cores and watch the loss, filters and feature maps. Includes layerlab-cli, the \
presets and a 2,500-image MNIST subset. Exports to ONNX and PyTorch.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(LAYERLAB_BUILD_GUI)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
endif()
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-torch, python3-numpy, python3-onnx")
include(CPack)
