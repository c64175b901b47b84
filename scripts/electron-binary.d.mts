export declare const ELECTRON_PACKAGE: string;
export declare function electronBinary(): string | null;
export declare function whyNoElectron(): string;
