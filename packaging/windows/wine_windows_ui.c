/* A stand-in windows.ui.dll for a Wine 8 prefix (test environment only, never part of the installer).

   Built by packaging/windows/wine-window with Debian's gcc-mingw-w64-x86-64-win32:
       x86_64-w64-mingw32-gcc -shared -O2 -s -o windows.ui.dll wine_windows_ui.c

   Why: Qt's `windows` platform (qwindows.dll, built with C++/WinRT) reads the system's accent colours through the
   Windows Runtime class Windows.UI.ViewManagement.UISettings while it builds its palette. Wine 8 has no such class
   (RoGetActivationFactory fails with REGDB_E_CLASSNOTREG) and the C++ exception that follows is never caught: the
   program ends with exit code 3 before any window shows. When the system does not know a class, C++/WinRT looks
   for it itself in the DLLs named after the class's namespace (Windows.UI.ViewManagement.dll, then
   Windows.UI.dll) and asks their DllGetActivationFactory. This DLL answers for that one class with an object that
   gives Windows 10's light colours (white background, black text, the default blue accent #0078D7 and its
   shades) and Windows' defaults for the other settings. Every other class is refused, as Wine 8 refuses it. */

#define COBJMACROS
#include <windows.h>
#include <objbase.h>

typedef struct { BYTE A, R, G, B; } UiColor; /* Windows.UI.Color */
typedef void *HSTRING_;
typedef struct { INT64 value; } Token;    /* EventRegistrationToken */

static const GUID IID_IUnknown_ = {0x00000000, 0x0000, 0x0000, {0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}};
static const GUID IID_IInspectable_ = {0xaf86e2e0, 0xb12d, 0x4c6a, {0x9c, 0x5a, 0xd7, 0xaa, 0x65, 0x10, 0x1e, 0x90}};
static const GUID IID_IAgileObject_ = {0x94ea2b94, 0xe9cc, 0x49e0, {0xc0, 0xff, 0xee, 0x64, 0xca, 0x8f, 0x5b, 0x90}};
static const GUID IID_IActivationFactory_ = {0x00000035, 0x0000, 0x0000,
                                             {0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}};
static const GUID IID_IUISettings_ = {0x85361600, 0x1c63, 0x4627, {0xbc, 0xb1, 0x3a, 0x89, 0xe0, 0xbc, 0x9c, 0x55}};
static const GUID IID_IUISettings3_ = {0x03021be4, 0x5254, 0x4781, {0x81, 0x94, 0x51, 0x68, 0xf7, 0xd0, 0x6d, 0x7b}};

static const WCHAR CLASS_NAME[] = L"Windows.UI.ViewManagement.UISettings";

/* UIColorType: Background, Foreground, AccentDark3, AccentDark2, AccentDark1, Accent, AccentLight1..3, Complement */
static const UiColor LIGHT[] = {
    {255, 255, 255, 255}, {255, 0, 0, 0},
    {255, 0, 38, 66}, {255, 0, 66, 117}, {255, 0, 90, 158},
    {255, 0, 120, 215},
    {255, 66, 156, 227}, {255, 118, 185, 237}, {255, 166, 216, 255},
    {0, 0, 0, 0},
};

/* One object, three faces: IActivationFactory (the class's factory), IUISettings and IUISettings3 (an instance).
   Each face is a vtable pointer inside the one static object; nothing is allocated, so reference counts only
   need to be plausible. */
typedef struct Face { const void *vtable; } Face;
static Face factory_face, settings_face, settings3_face;

static BOOL same(REFIID a, const GUID *b) { return IsEqualGUID(a, b); }

static HRESULT STDMETHODCALLTYPE query(Face *self, REFIID iid, void **out)
{
    if (!out) return E_POINTER;
    if (self == &factory_face &&
        (same(iid, &IID_IUnknown_) || same(iid, &IID_IInspectable_) || same(iid, &IID_IAgileObject_) ||
         same(iid, &IID_IActivationFactory_)))
        *out = &factory_face;
    else if (self != &factory_face &&
             (same(iid, &IID_IUnknown_) || same(iid, &IID_IInspectable_) || same(iid, &IID_IAgileObject_) ||
              same(iid, &IID_IUISettings_)))
        *out = &settings_face;
    else if (self != &factory_face && same(iid, &IID_IUISettings3_))
        *out = &settings3_face;
    else {
        *out = NULL;
        return E_NOINTERFACE;
    }
    return S_OK;
}
static ULONG STDMETHODCALLTYPE add_ref(Face *self) { (void)self; return 2; }
static ULONG STDMETHODCALLTYPE release(Face *self) { (void)self; return 1; }
static HRESULT STDMETHODCALLTYPE get_iids(Face *self, ULONG *count, GUID **iids)
{
    (void)self;
    *count = 0;
    *iids = NULL;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE get_runtime_class_name(Face *self, HSTRING_ *name)
{
    (void)self;
    *name = NULL; /* the empty HSTRING */
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE get_trust_level(Face *self, int *level)
{
    (void)self;
    *level = 0; /* BaseTrust */
    return S_OK;
}

/* IActivationFactory */
static HRESULT STDMETHODCALLTYPE activate_instance(Face *self, void **instance)
{
    (void)self;
    *instance = &settings_face;
    return S_OK;
}
static const void *factory_vtable[] = {query, add_ref, release, get_iids, get_runtime_class_name, get_trust_level,
                                       activate_instance};

/* IUISettings: Windows' defaults */
static HRESULT STDMETHODCALLTYPE get_int(Face *self, INT32 *value, INT32 fixed) { (void)self; *value = fixed; return S_OK; }
static HRESULT STDMETHODCALLTYPE hand_preference(Face *s, INT32 *v) { return get_int(s, v, 1); } /* right-handed */
typedef struct { float Width, Height; } FSize;
static HRESULT STDMETHODCALLTYPE fsize(FSize *value, float w, float h) { value->Width = w; value->Height = h; return S_OK; }
static HRESULT STDMETHODCALLTYPE cursor_size(Face *s, FSize *v) { (void)s; return fsize(v, 32, 32); }
static HRESULT STDMETHODCALLTYPE scroll_bar_size(Face *s, FSize *v) { (void)s; return fsize(v, 17, 17); }
static HRESULT STDMETHODCALLTYPE scroll_bar_arrow_size(Face *s, FSize *v) { (void)s; return fsize(v, 17, 17); }
static HRESULT STDMETHODCALLTYPE scroll_bar_thumb_size(Face *s, FSize *v) { (void)s; return fsize(v, 8, 8); }
static HRESULT STDMETHODCALLTYPE message_duration(Face *s, UINT32 *v) { (void)s; *v = 5; return S_OK; }
static HRESULT STDMETHODCALLTYPE get_true(Face *s, BOOLEAN *v) { (void)s; *v = TRUE; return S_OK; }
static HRESULT STDMETHODCALLTYPE get_false(Face *s, BOOLEAN *v) { (void)s; *v = FALSE; return S_OK; }
static HRESULT STDMETHODCALLTYPE caret_blink_rate(Face *s, UINT32 *v) { (void)s; *v = 530; return S_OK; }
static HRESULT STDMETHODCALLTYPE caret_width(Face *s, UINT32 *v) { (void)s; *v = 1; return S_OK; }
static HRESULT STDMETHODCALLTYPE double_click_time(Face *s, UINT32 *v) { (void)s; *v = 500; return S_OK; }
static HRESULT STDMETHODCALLTYPE mouse_hover_time(Face *s, UINT32 *v) { (void)s; *v = 400; return S_OK; }
static HRESULT STDMETHODCALLTYPE ui_element_color(Face *self, INT32 element, UiColor *value)
{
    (void)self;
    /* UIElementType: ButtonFace 0, ButtonText 1, GrayText 2, Highlight 3, HighlightText 4, Hotlight 5, Window 6,
       WindowText 7 and later ones: the classic system colours */
    static const int sys[] = {COLOR_BTNFACE, COLOR_BTNTEXT, COLOR_GRAYTEXT, COLOR_HIGHLIGHT, COLOR_HIGHLIGHTTEXT,
                              COLOR_HOTLIGHT, COLOR_WINDOW, COLOR_WINDOWTEXT};
    DWORD rgb = GetSysColor(element >= 0 && element < 8 ? sys[element] : COLOR_WINDOW);
    value->A = 255;
    value->R = GetRValue(rgb);
    value->G = GetGValue(rgb);
    value->B = GetBValue(rgb);
    return S_OK;
}
static const void *settings_vtable[] = {
    query, add_ref, release, get_iids, get_runtime_class_name, get_trust_level,
    hand_preference, cursor_size, scroll_bar_size, scroll_bar_arrow_size, scroll_bar_thumb_size, message_duration,
    get_true /* AnimationsEnabled */, get_false /* CaretBrowsingEnabled */, caret_blink_rate, caret_width,
    double_click_time, mouse_hover_time, ui_element_color};

/* IUISettings3 */
static HRESULT STDMETHODCALLTYPE get_color_value(Face *self, INT32 type, UiColor *value)
{
    (void)self;
    if (type < 0 || type >= (INT32)(sizeof(LIGHT) / sizeof(LIGHT[0]))) return E_INVALIDARG;
    *value = LIGHT[type];
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE add_color_values_changed(Face *self, void *handler, Token *token)
{
    (void)self;
    (void)handler; /* the colours never change here */
    token->value = 1;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE remove_color_values_changed(Face *self, Token token)
{
    (void)self;
    (void)token;
    return S_OK;
}
static const void *settings3_vtable[] = {query, add_ref, release, get_iids, get_runtime_class_name, get_trust_level,
                                         get_color_value, add_color_values_changed, remove_color_values_changed};

static Face factory_face = {factory_vtable};
static Face settings_face = {settings_vtable};
static Face settings3_face = {settings3_vtable};

typedef const WCHAR *(WINAPI *RawBuffer)(HSTRING_, UINT32 *);

__declspec(dllexport) HRESULT WINAPI DllGetActivationFactory(HSTRING_ class_id, void **factory)
{
    HMODULE combase = GetModuleHandleW(L"combase.dll");
    RawBuffer raw = combase ? (RawBuffer)(void *)GetProcAddress(combase, "WindowsGetStringRawBuffer") : NULL;
    UINT32 length = 0;
    const WCHAR *name = raw ? raw(class_id, &length) : NULL;
    if (!factory) return E_POINTER;
    *factory = NULL;
    if (!name || length != (UINT32)(sizeof(CLASS_NAME) / sizeof(WCHAR) - 1) ||
        memcmp(name, CLASS_NAME, sizeof(CLASS_NAME) - sizeof(WCHAR)) != 0)
        return CLASS_E_CLASSNOTAVAILABLE;
    *factory = &factory_face;
    return S_OK;
}

__declspec(dllexport) HRESULT WINAPI DllCanUnloadNow(void) { return S_FALSE; }
