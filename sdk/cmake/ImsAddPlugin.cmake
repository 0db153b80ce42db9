# ims_add_plugin(): builds an ims plugin folder (manifest, data files, optional native library).
#
#   ims_add_plugin(<id>
#       MANIFEST plugin.json.in        # template; @IMS_PLUGIN_LIBRARY_FILE@, @IMS_PLUGIN_LIBRARY_SHA256@
#                                      # and @IMS_PLUGIN_PLATFORM@ are filled in after the build
#       [SOURCES a.cpp ...]            # native part; omit for a data-only plugin
#       [DATA catalog.json mappings/x.json ...]   # paths relative to the current source dir
#       [OUTPUT_DIR dir]               # default: ${IMS_PLUGIN_OUTPUT_DIR} or ${CMAKE_BINARY_DIR}/plugins
#       [INSTALL_DIR dir]              # where `cmake --install` puts the folder; omit to not install
#       [TARGET name])                 # CMake target name; default ims_plugin_<id>
#
# A native library is built with hidden visibility, a version script that exports only
# ims_plugin_entry_v1, and -Wl,--no-undefined: a plugin links nothing from the host.
include_guard(GLOBAL)

set(_IMS_SDK_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# The platform as manifests spell it ("linux-x86_64"); the host compares a native plugin's
# manifest with the value it was built with, so both come from here.
function(ims_platform out_var)
    string(TOLOWER "${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}" platform)
    set(${out_var} "${platform}" PARENT_SCOPE)
endfunction()

function(ims_add_plugin plugin_id)
    cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIR;INSTALL_DIR;TARGET" "SOURCES;DATA" ${ARGN})
    if(NOT ARG_MANIFEST)
        message(FATAL_ERROR "ims_add_plugin(${plugin_id}): MANIFEST is required")
    endif()
    if(NOT ARG_TARGET)
        set(ARG_TARGET "ims_plugin_${plugin_id}")
    endif()
    if(NOT ARG_OUTPUT_DIR)
        if(IMS_PLUGIN_OUTPUT_DIR)
            set(ARG_OUTPUT_DIR "${IMS_PLUGIN_OUTPUT_DIR}")
        else()
            set(ARG_OUTPUT_DIR "${CMAKE_BINARY_DIR}/plugins")
        endif()
    endif()
    set(out "${ARG_OUTPUT_DIR}/${plugin_id}")
    ims_platform(platform)
    get_filename_component(manifest_in "${ARG_MANIFEST}" ABSOLUTE)

    foreach(data_file IN LISTS ARG_DATA)
        configure_file("${CMAKE_CURRENT_SOURCE_DIR}/${data_file}" "${out}/${data_file}" COPYONLY)
    endforeach()

    if(ARG_SOURCES)
        add_library(${ARG_TARGET} MODULE ${ARG_SOURCES})
        target_link_libraries(${ARG_TARGET} PRIVATE ims::sdk)
        set_target_properties(${ARG_TARGET} PROPERTIES
            OUTPUT_NAME "ims_${plugin_id}"
            PREFIX "lib"
            LIBRARY_OUTPUT_DIRECTORY "${out}"
            C_VISIBILITY_PRESET hidden
            CXX_VISIBILITY_PRESET hidden
            VISIBILITY_INLINES_HIDDEN ON
            BUILD_WITH_INSTALL_RPATH ON
            LINK_DEPENDS "${_IMS_SDK_CMAKE_DIR}/ims_plugin.map")
        target_link_options(${ARG_TARGET} PRIVATE
            "-Wl,--version-script=${_IMS_SDK_CMAKE_DIR}/ims_plugin.map"
            "-Wl,--no-undefined")
        add_custom_command(TARGET ${ARG_TARGET} POST_BUILD
            COMMAND ${CMAKE_COMMAND}
                "-DIMS_MANIFEST_IN=${manifest_in}"
                "-DIMS_MANIFEST_OUT=${out}/plugin.json"
                "-DIMS_PLUGIN_LIBRARY=$<TARGET_FILE:${ARG_TARGET}>"
                "-DIMS_PLUGIN_PLATFORM=${platform}"
                -P "${_IMS_SDK_CMAKE_DIR}/ImsWriteManifest.cmake"
            COMMENT "Writing manifest of plugin ${plugin_id}"
            VERBATIM)
        set_property(TARGET ${ARG_TARGET} APPEND PROPERTY LINK_DEPENDS "${manifest_in}")
    else()
        set(IMS_PLUGIN_PLATFORM "${platform}")
        set(IMS_PLUGIN_LIBRARY_FILE "")
        set(IMS_PLUGIN_LIBRARY_SHA256 "")
        configure_file("${manifest_in}" "${out}/plugin.json" @ONLY)
        add_custom_target(${ARG_TARGET})
    endif()

    if(ARG_INSTALL_DIR)
        install(DIRECTORY "${out}/" DESTINATION "${ARG_INSTALL_DIR}/${plugin_id}"
                USE_SOURCE_PERMISSIONS)
    endif()
endfunction()
