// SPDX-License-Identifier: Apache-2.0
using System;
using System.IO;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Mip.Tests
{
    /// <summary>
    /// include/mip.h, which run_tests.sh names in MIP_HEADER. C# cannot read C macros, so the few
    /// defaults this binding writes down are checked against the header's MIP_DEFAULT_* here.
    /// </summary>
    internal static class MipHeader
    {
        /// <summary>The value of <c>#define NAME &lt;integer&gt;</c>.</summary>
        internal static long Define(string name)
        {
            string path = Environment.GetEnvironmentVariable("MIP_HEADER");
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
                Assert.Fail("MIP_HEADER does not name mip.h ('" + path + "'): run these tests with " +
                            "bindings/csharp/run_tests.sh BUILD_DIR");
            Match m = Regex.Match(File.ReadAllText(path), @"^\s*#\s*define\s+" + Regex.Escape(name) + @"\s+(\d+)\b",
                                  RegexOptions.Multiline);
            if (!m.Success) Assert.Fail(path + " has no integer #define " + name);
            return long.Parse(m.Groups[1].Value);
        }
    }
}
