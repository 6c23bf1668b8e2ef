// SPDX-License-Identifier: Apache-2.0
using System;
using System.Runtime.InteropServices;
#if MIP_LEAK_TRACKING
using System.Threading;
#endif

namespace Mip
{
    /// <summary>
    /// Base of the handles that own a libmip object: NULL is invalid, and
    /// <see cref="SafeHandle.ReleaseHandle"/> calls the object's <c>mip_*_free</c> exactly once,
    /// after the last P/Invoke call using the handle has returned (SafeHandle's reference count).
    /// </summary>
    /// <remarks>
    /// One sealed class per kind of object, each only naming its free function, because a P/Invoke
    /// signature cannot take a generic SafeHandle and the distinct types keep a job from being
    /// passed where a client is expected. Built with <c>MIP_LEAK_TRACKING</c> (the tests' build
    /// only), each kind keeps a count of the native objects currently owned, so tests can check
    /// that nothing is leaked.
    /// </remarks>
    internal abstract unsafe class MipSafeHandle : SafeHandle
    {
        private readonly delegate*<IntPtr, void> free;

        protected MipSafeHandle(IntPtr owned, delegate*<IntPtr, void> free) : base(IntPtr.Zero, true)
        {
            this.free = free;
            if (owned == IntPtr.Zero) return;
            SetHandle(owned);
#if MIP_LEAK_TRACKING
            Interlocked.Increment(ref live[Slot()]);
#endif
        }

        /// <summary>Wraps what a <c>mip_*_new</c> returned; NULL from it means out of memory.</summary>
        protected static IntPtr Allocated(IntPtr created, string function)
        {
            if (created == IntPtr.Zero) throw new OutOfMemoryException(function + " returned NULL");
            return created;
        }

        /// <summary>NULL is the only invalid value.</summary>
        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        /// <summary>Frees the native object.</summary>
        protected sealed override bool ReleaseHandle()
        {
            free(handle);
#if MIP_LEAK_TRACKING
            Interlocked.Decrement(ref live[Slot()]);
#endif
            return true;
        }

#if MIP_LEAK_TRACKING
        /// <summary>The handle types, in <see cref="HandleKind"/>'s order.</summary>
        private static readonly Type[] kinds =
        {
            typeof(OptionsHandle), typeof(ClientHandle), typeof(JobHandle), typeof(ErrorHandle),
            typeof(CancelHandle), typeof(RequestHandle), typeof(JobListHandle),
        };

        private static readonly int[] live = new int[kinds.Length];

        private int Slot()
        {
            return Array.IndexOf(kinds, GetType());
        }

        /// <summary>Native objects of <paramref name="kind"/> owned by handles not yet released.</summary>
        internal static int LiveCount(HandleKind kind)
        {
            return Volatile.Read(ref live[(int)kind]);
        }
#endif
    }

#if MIP_LEAK_TRACKING
    /// <summary>Which native object a <see cref="MipSafeHandle"/> owns, for the leak counts.</summary>
    internal enum HandleKind
    {
        Options = 0,
        Client = 1,
        Job = 2,
        Error = 3,
        Cancel = 4,
        Request = 5,
        JobList = 6,
    }
#endif

    /// <summary>Owns a <c>mip_options</c>.</summary>
    internal sealed unsafe class OptionsHandle : MipSafeHandle
    {
        private OptionsHandle(IntPtr owned) : base(owned, &NativeMethods.mip_options_free) { }

        internal static OptionsHandle Create()
        {
            return new OptionsHandle(Allocated(NativeMethods.mip_options_new(), "mip_options_new"));
        }
    }

    /// <summary>Owns a <c>mip_client</c>.</summary>
    internal sealed unsafe class ClientHandle : MipSafeHandle
    {
        internal ClientHandle(IntPtr owned) : base(owned, &NativeMethods.mip_client_free) { }
    }

    /// <summary>Owns a <c>mip_job</c> (one returned by a call, not one borrowed in a callback).</summary>
    internal sealed unsafe class JobHandle : MipSafeHandle
    {
        internal JobHandle(IntPtr owned) : base(owned, &NativeMethods.mip_job_free) { }
    }

    /// <summary>Owns a <c>mip_error</c>.</summary>
    internal sealed unsafe class ErrorHandle : MipSafeHandle
    {
        internal ErrorHandle(IntPtr owned) : base(owned, &NativeMethods.mip_error_free) { }
    }

    /// <summary>Owns a <c>mip_cancel</c>; <see cref="None"/> passes NULL ("not cancellable").</summary>
    internal sealed unsafe class CancelHandle : MipSafeHandle
    {
        /// <summary>A NULL token, for calls whose CancellationToken cannot be cancelled. Never disposed.</summary>
        internal static readonly CancelHandle None = new CancelHandle(IntPtr.Zero);

        private CancelHandle(IntPtr owned) : base(owned, &NativeMethods.mip_cancel_free) { }

        internal static CancelHandle Create()
        {
            return new CancelHandle(Allocated(NativeMethods.mip_cancel_new(), "mip_cancel_new"));
        }

        /// <summary>mip_cancel_trigger; the marshaller keeps the token alive during the call.</summary>
        internal void Trigger()
        {
            NativeMethods.mip_cancel_trigger(this);
        }
    }

    /// <summary>Owns a <c>mip_import_request</c>.</summary>
    internal sealed unsafe class RequestHandle : MipSafeHandle
    {
        private RequestHandle(IntPtr owned) : base(owned, &NativeMethods.mip_import_request_free) { }

        internal static RequestHandle Create()
        {
            return new RequestHandle(Allocated(NativeMethods.mip_import_request_new(), "mip_import_request_new"));
        }
    }

    /// <summary>Owns a <c>mip_job_list</c>; its jobs are borrowed from it and copied out before it is freed.</summary>
    internal sealed unsafe class JobListHandle : MipSafeHandle
    {
        internal JobListHandle(IntPtr owned) : base(owned, &NativeMethods.mip_job_list_free) { }
    }
}
