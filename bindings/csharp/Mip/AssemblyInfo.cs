// SPDX-License-Identifier: Apache-2.0
using System;
using System.Runtime.CompilerServices;

[assembly: CLSCompliant(true)]
[assembly: InternalsVisibleTo("Mip.Tests")]
[assembly: InternalsVisibleTo("Bench")]

namespace Mip
{
    /// <summary>
    /// Marks a static method libmip calls back, for ahead-of-time compiling runtimes (Xamarin.iOS,
    /// Mono AOT) that match this attribute by name. Harmless elsewhere.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class MonoPInvokeCallbackAttribute : Attribute
    {
        public MonoPInvokeCallbackAttribute(Type type)
        {
            DelegateType = type;
        }

        public Type DelegateType { get; private set; }
    }
}

#if !NET8_0_OR_GREATER
namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>The nullable-analysis attribute netstandard2.0 lacks (the compiler matches it by name).</summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, AllowMultiple = true)]
    internal sealed class NotNullIfNotNullAttribute : Attribute
    {
        public NotNullIfNotNullAttribute(string parameterName)
        {
            ParameterName = parameterName;
        }

        public string ParameterName { get; }
    }

    /// <summary>The nullable-analysis attribute netstandard2.0 lacks.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class DoesNotReturnAttribute : Attribute
    {
    }
}
#endif
