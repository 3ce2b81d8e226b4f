// swift-tools-version: 6.0
import PackageDescription

// Layering (imports point down only), see ../shared/DESIGN.md:
//   storyreel (CLI) → Render, Terminal → Sketch, SD, Credentials → Imaging, Diffusion, Project → TOML, Digest → C wrappers
let package = Package(
    name: "Storyreel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "storyreel", targets: ["StoryreelCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries, each wrapped once.
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // zlib (which libpng links) is called directly to bound text chunks before libpng inflates them.
        .target(name: "CStoryreelPNG", dependencies: ["CLibPNG"], linkerSettings: [.linkedLibrary("z")]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CStoryreelMalloc"),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "CStoryreelCrypto", dependencies: ["COpenSSL"]),

        // Pure Swift core.
        .target(name: "TOML"),
        .target(name: "Digest"),
        .target(name: "Storage"),
        .target(name: "Diffusion"),
        .target(name: "Imaging", dependencies: ["CStoryreelPNG", "Storage"]),
        .target(name: "Project", dependencies: ["TOML", "Digest", "Storage", "Diffusion"]),
        // Content Credentials (C2PA): CBOR, JUMBF and COSE written here; signing and X.509 through OpenSSL.
        .target(name: "Credentials", dependencies: ["CStoryreelCrypto", "Digest", "Storage"]),

        // Models and pipeline.
        .target(name: "Sketch", dependencies: ["Diffusion", "Imaging", "Project", "CCairo", "Digest"]),
        // The SD kernels are optimised even in debug builds: unoptimised SIMD code is ~50× slower, and the
        // parity tests run real (if tiny) networks.
        .target(name: "SD", dependencies: ["Diffusion", "Imaging", "Storage", "Digest", "COpenBLAS", "CStoryreelMalloc"],
                resources: [.copy("Resources/clip-merges.txt")],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug)), .unsafeFlags(["-target-cpu", "native"])]),
        .target(name: "Render", dependencies: ["Diffusion", "Imaging", "Project", "Sketch", "SD", "Digest", "Storage", "Credentials"]),
        .target(name: "Terminal", dependencies: ["Imaging", "Storage"]),
        // Shot lists (CSV) and edited cuts (OTIO, FCP7 XML, EDL): pure readers and writers of project data.
        .target(name: "Interchange", dependencies: ["Project", "TOML"]),
        // Render-farm plans and Slurm scripts: pure values; the CLI runs sbatch, squeue and scancel.
        .target(name: "Farm"),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "Studio", dependencies: ["Project", "Diffusion", "TOML", "Terminal", "Imaging"]),
        .target(name: "StudioTerminal", dependencies: ["Studio", "CNcurses", "Render", "Project", "Imaging", "Terminal", "Storage", "Sketch", "Export"]),
        .target(name: "Export", dependencies: ["Interchange", "Render", "Project", "Imaging", "Sketch", "Storage", "Digest", "CCairo", "Credentials",
                                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .executableTarget(
            name: "StoryreelCLI",
            dependencies: [
                "Render", "Project", "Sketch", "SD", "Imaging", "Terminal", "Storage", "Export", "StudioTerminal", "Farm", "Credentials", "Interchange",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "TestSupport"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "DiffusionTests", dependencies: ["Diffusion"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"]),
        .testTarget(name: "ProjectTests", dependencies: ["Project", "TOML", "TestSupport"]),
        .testTarget(name: "SketchTests", dependencies: ["Sketch", "Diffusion", "Imaging"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Project", "Imaging", "Storage", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Imaging", "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Interchange", "Export", "Render", "Project", "Imaging", "Digest", "TestSupport"]),
        .testTarget(name: "StudioTests", dependencies: ["Studio", "Project", "TOML", "TestSupport"]),
        .testTarget(name: "StudioTerminalTests", dependencies: ["StudioTerminal", "Studio", "Project", "TestSupport"]),
        .testTarget(name: "SDTests", dependencies: ["SD", "Diffusion", "Imaging", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "FarmTests", dependencies: ["Farm", "TestSupport"]),
        // The studio end to end, in tmux and on pseudo-terminals: slow, and apart from the CLI's own tests.
        .testTarget(name: "StudioEndToEndTests", dependencies: ["Imaging", "Project", "Studio", "Terminal", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["Farm", "Imaging", "Render", "Project", "Digest", "Terminal", "SD", "TestSupport"]),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "Export", "Render", "Project", "Imaging", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
