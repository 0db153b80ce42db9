# Script mode (cmake -P): writes a plugin's plugin.json from its template, filling in the
# library's file name and SHA-256 so the host's manifest gate can check the library before loading.
# Inputs: IMS_MANIFEST_IN, IMS_MANIFEST_OUT, IMS_PLUGIN_LIBRARY (may be empty), IMS_PLUGIN_PLATFORM.
if(IMS_PLUGIN_LIBRARY)
    file(SHA256 "${IMS_PLUGIN_LIBRARY}" IMS_PLUGIN_LIBRARY_SHA256)
    get_filename_component(IMS_PLUGIN_LIBRARY_FILE "${IMS_PLUGIN_LIBRARY}" NAME)
endif()
configure_file("${IMS_MANIFEST_IN}" "${IMS_MANIFEST_OUT}" @ONLY)
