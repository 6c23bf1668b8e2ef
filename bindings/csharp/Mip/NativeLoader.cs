// SPDX-License-Identifier: Apache-2.0
#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mip
{
    /// <summary>
    /// Finds libmip as a user has it, on .NET (net8.0 and later): registered as this assembly's
    /// <see cref="NativeLibrary.SetDllImportResolver"/> when the assembly loads.
    /// </summary>
    /// <remarks>
    /// In order:
    /// <list type="number">
    /// <item>the runtime's own probing for "mip": the NuGet package's
    /// <c>runtimes/linux-x64/native/libmip.so</c> (listed in the application's deps.json), the
    /// application's directory, then the system loader with the platform's names;</item>
    /// <item>the runtime library's SONAME, <c>libmip.so.0</c> (<c>libmip.0.dylib</c> on macOS), as a
    /// runtime-only install (Debian's libmip0) has it, through the system loader
    /// (LD_LIBRARY_PATH, /etc/ld.so.cache, the system directories);</item>
    /// <item><c>libmip.so</c> (<c>libmip.dylib</c>, <c>mip.dll</c>), the -dev symlink.</item>
    /// </list>
    /// When none loads, a <see cref="DllNotFoundException"/> names every name and place tried, and
    /// what the loader said for each. When one of those places has the file but the dynamic loader
    /// refused it (a library libmip needs, such as libsimdjson or libcurl, missing or unusable; a
    /// file for another architecture), the message starts with that file and the loader's own
    /// words (dlerror), which name the missing library, rather than saying libmip was not found.
    /// </remarks>
    internal static class NativeLoader
    {
        // A library's module initializer (CA2255) because the resolver must be in place before the
        // first P/Invoke call, whichever public type makes it.
#pragma warning disable CA2255
        [ModuleInitializer]
#pragma warning restore CA2255
        internal static void Register()
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLoader).Assembly, Resolve);
        }

        /// <summary>The file names tried after the runtime's own probing, for this platform.</summary>
        internal static string[] SystemNames()
        {
            if (OperatingSystem.IsWindows()) return new[] { "mip.dll", "libmip.dll" };
            if (OperatingSystem.IsMacOS()) return new[] { "libmip.0.dylib", "libmip.dylib" };
            return new[] { "libmip.so.0", "libmip.so" };
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (libraryName != NativeMethods.Lib) return IntPtr.Zero;
            return Load(libraryName, assembly, searchPath, SystemNames());
        }

        /// <summary>
        /// Loads <paramref name="libraryName"/> by the runtime's probing, else each of
        /// <paramref name="systemNames"/> through the system loader; throws naming all of them.
        /// </summary>
        internal static IntPtr Load(string libraryName, Assembly assembly, DllImportSearchPath? searchPath,
                                    IReadOnlyList<string> systemNames)
        {
            var failures = new List<string>();
            try
            {
                // The runtime's probing (deps.json native assets, the app's directory, the system
                // loader); it does not call this resolver again.
                return NativeLibrary.Load(libraryName, assembly, searchPath);
            }
            catch (Exception e) when (e is DllNotFoundException || e is BadImageFormatException)
            {
                failures.Add("\"" + libraryName + "\" by the runtime's probing (the NuGet package's runtimes/" +
                             RuntimeInformation.RuntimeIdentifier + "/native/, " + ProbingDirectories() +
                             ", then the system loader): " + e.Message);
            }
            foreach (string name in systemNames)
            {
                try
                {
                    return NativeLibrary.Load(name);
                }
                catch (Exception e) when (e is DllNotFoundException || e is BadImageFormatException)
                {
                    failures.Add("\"" + name + "\" through the system loader (" + LoaderPath() + "): " + e.Message);
                }
            }
            // The runtime's probing and the loader say only "cannot open" or the last dlerror of
            // several: load each file that is there by its path, for the loader's reason.
            var refused = new List<string>();
            foreach (string path in CandidatePaths(libraryName, systemNames))
            {
                try
                {
                    return NativeLibrary.Load(path);
                }
                catch (Exception e) when (e is DllNotFoundException || e is BadImageFormatException)
                {
                    refused.Add(path + " is there, but the dynamic loader refused it: " + LoaderReason(e.Message));
                }
            }
            string found = refused.Count == 0 ? ""
                : " " + string.Join("; ", refused) + " (a library that libmip needs is missing or unusable, " +
                  "or the file is not for this machine; `ldd` on it shows what is not found).";
            throw new DllNotFoundException(
                "libmip could not be loaded." + found + " Tried " + string.Join("; ", failures) +
                ". Install the Mip NuGet package (which carries runtimes/linux-x64/native/libmip.so with the " +
                "libraries it needs beside it) or the system package libmip0 (libmip.so.0), or put libmip's " +
                "directory in LD_LIBRARY_PATH.");
        }

        /// <summary>
        /// The files, among the places the runtime and the system loader look, that exist: the
        /// probing directories' <c>libmip.so</c> and <c>mip.so</c> (<c>.dylib</c>, <c>.dll</c>), and
        /// <paramref name="systemNames"/> in LD_LIBRARY_PATH's directories and the system's.
        /// </summary>
        internal static List<string> CandidatePaths(string libraryName, IReadOnlyList<string> systemNames)
        {
            var paths = new List<string>();
            void Add(string dir, string name)
            {
                if (dir.Length == 0) return;
                string path;
                try
                {
                    path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, name));
                }
                catch (Exception e) when (e is ArgumentException || e is NotSupportedException ||
                                          e is System.IO.PathTooLongException || e is System.Security.SecurityException)
                {
                    return;
                }
                if (!paths.Contains(path) && System.IO.File.Exists(path)) paths.Add(path);
            }
            string suffix = OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";
            foreach (string dir in ProbingDirectoryList())
            {
                Add(dir, "lib" + libraryName + suffix);
                Add(dir, libraryName + suffix);
            }
            var loaderDirs = new List<string>();
            string variable = LoaderVariable();
            string? value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
                loaderDirs.AddRange(value.Split(System.IO.Path.PathSeparator));
            if (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS())
            {
                string? triplet = RuntimeInformation.ProcessArchitecture switch
                {
                    Architecture.X64 => "x86_64-linux-gnu",
                    Architecture.Arm64 => "aarch64-linux-gnu",
                    _ => null,
                };
                foreach (string root in new[] { "/usr/local/lib", "/lib", "/usr/lib" })
                {
                    if (triplet != null) loaderDirs.Add(root + "/" + triplet);
                    loaderDirs.Add(root);
                }
                loaderDirs.Add("/lib64");
                loaderDirs.Add("/usr/lib64");
            }
            foreach (string dir in loaderDirs)
                foreach (string name in systemNames)
                    Add(dir, name);
            return paths;
        }

        /// <summary>
        /// The dynamic loader's words in the runtime's message ("Unable to load shared library ...
        /// consider setting the LD_DEBUG environment variable: " then dlerror's text), else all of it.
        /// </summary>
        internal static string LoaderReason(string message)
        {
            const string marker = "environment variable:";
            int at = message.LastIndexOf(marker, StringComparison.Ordinal);
            string reason = at < 0 ? message : message.Substring(at + marker.Length);
            reason = string.Join(" ", reason.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries)).Trim();
            return reason.Length == 0 ? message.Trim() : reason;
        }

        private static List<string> ProbingDirectoryList()
        {
            var dirs = new List<string>();
            if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string native)
                foreach (string d in native.Split(System.IO.Path.PathSeparator))
                    if (d.Length > 0 && !dirs.Contains(d)) dirs.Add(d);
            string app = AppContext.BaseDirectory;
            if (!string.IsNullOrEmpty(app) && !dirs.Contains(app)) dirs.Add(app);
            return dirs;
        }

        private static string ProbingDirectories()
        {
            List<string> dirs = ProbingDirectoryList();
            return dirs.Count == 0 ? "the application's directory" : string.Join(", ", dirs);
        }

        private static string LoaderVariable() =>
            OperatingSystem.IsWindows() ? "PATH" : OperatingSystem.IsMacOS() ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH";

        private static string LoaderPath()
        {
            string variable = LoaderVariable();
            string? value = Environment.GetEnvironmentVariable(variable);
            string where = variable + "=" + (string.IsNullOrEmpty(value) ? "(unset)" : value);
            if (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS())
                where += ", /etc/ld.so.cache, /lib, /usr/lib";
            return where;
        }
    }
}
#endif
