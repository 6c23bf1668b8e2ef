using System;
using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Mip")]
[assembly: AssemblyDescription("C# binding of libmip: Milvus / Zilliz Cloud bulk-import progress")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: AssemblyInformationalVersion("0.1.0")]
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
