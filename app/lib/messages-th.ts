/**
 * Thai for what the app says in its own words (msg`…` templates, message.ts), keyed by the English
 * template. OCPP names, units and protocol names stay as they are. A template of only values,
 * punctuation and OCPP names needs no entry. The catalogue test checks every template in the source has one here.
 */
import type { Catalogue } from './message.ts';

export const MESSAGES_TH: Catalogue = {
  '{{0}} connection(s) from {{1}} dropped at once: {{2}}': 'ตัดการเชื่อมต่อ {{0}} รายการจาก {{1}} พร้อมกัน: {{2}}',
  'invalid WebSocket upgrade: {{0}}': 'คำขออัปเกรด WebSocket ไม่ถูกต้อง: {{0}}',
  'closed right after TLS, before the WebSocket upgrade: it most likely does not trust this certificate':
    'ปิดการเชื่อมต่อทันทีหลัง TLS ก่อนอัปเกรด WebSocket: เป็นไปได้มากว่าเครื่องชาร์จไม่เชื่อถือใบรับรองนี้',
  "install this app's certificate in the charger as a trusted server certificate (its SHA-256 fingerprint is on the Connect page), or point the charger at the ws:// address for the test":
    'ติดตั้งใบรับรองของแอปนี้ในเครื่องชาร์จเป็นใบรับรองเซิร์ฟเวอร์ที่เชื่อถือได้ (ลายนิ้วมือ SHA-256 อยู่ในหน้าเชื่อมต่อ) หรือตั้งเครื่องชาร์จให้ใช้ที่อยู่ ws:// สำหรับการทดสอบ',
  'the charger connected again while its previous connection was still open; the old one is closed':
    'เครื่องชาร์จเชื่อมต่อใหม่ขณะที่การเชื่อมต่อเดิมยังเปิดอยู่ จึงปิดการเชื่อมต่อเดิม',
  'the URL path {{0}} has a malformed %-escape': 'พาธ URL {{0}} มีการเข้ารหัส %-escape ที่ผิดรูปแบบ',
  'the URL has no charge point id: it must end with /<chargePointId>': 'URL ไม่มีรหัสเครื่องชาร์จ: ต้องลงท้ายด้วย /<chargePointId>',
  "the path {{0}} contains '//': the charger joins its URL and id with an extra slash": "พาธ {{0}} มี '//': เครื่องชาร์จต่อ URL กับรหัสโดยมีเครื่องหมาย / เกินมา",
  'the id {{0}} appears twice in the path: the charger appends its id to a URL that already ends with it':
    'รหัส {{0}} ปรากฏสองครั้งในพาธ: เครื่องชาร์จต่อรหัสท้าย URL ที่ลงท้ายด้วยรหัสนั้นอยู่แล้ว',
  'the id was percent-encoded in the path ({{0}})': 'รหัสในพาธถูกเข้ารหัสแบบ percent-encoding ({{0}})',
  'the charger used the URL path {{0}}; the form this app and the platform expect is …/ocpp/<charge point id>: check the URL entered in the charger':
    'เครื่องชาร์จใช้พาธ URL {{0}} แต่รูปแบบที่แอปนี้และแพลตฟอร์มต้องการคือ …/ocpp/<รหัสเครื่องชาร์จ>: ตรวจสอบ URL ที่ตั้งไว้ในเครื่องชาร์จ',
  'the subprotocol was offered as "{{0}}"; the standard spelling is "{{1}}"': 'เสนอ subprotocol เป็น "{{0}}" แต่การสะกดตามมาตรฐานคือ "{{1}}"',
  'the charger offered no WebSocket subprotocol; OCPP 1.6J needs Sec-WebSocket-Protocol: {{0}}':
    'เครื่องชาร์จไม่ได้เสนอ subprotocol ของ WebSocket แต่ OCPP 1.6J ต้องมี Sec-WebSocket-Protocol: {{0}}',
  'the charger offered {{0}} but not {{1}}': 'เครื่องชาร์จเสนอ {{0}} แต่ไม่มี {{1}}',
  'the Basic Auth user is "{{0}}", not the charge point id "{{1}}"': 'ผู้ใช้ Basic Auth คือ "{{0}}" ไม่ใช่รหัสเครื่องชาร์จ "{{1}}"',
  "no Basic Auth credentials were sent: set the charger's password (AuthorizationKey)":
    'ไม่ได้ส่งข้อมูลยืนยันตัวตน Basic Auth: ตั้งรหัสผ่านของเครื่องชาร์จ (AuthorizationKey)',
  'the Authorization header is not valid Basic Auth ({{0}})': 'ส่วนหัว Authorization ไม่ใช่ Basic Auth ที่ถูกต้อง ({{0}})',
  'the Authorization header is not valid Basic Auth': 'ส่วนหัว Authorization ไม่ใช่ Basic Auth ที่ถูกต้อง',
  'no password is configured for {{0}}: add it (--auth {{1}}) or accept any charger':
    'ยังไม่ได้ตั้งรหัสผ่านสำหรับ {{0}}: เพิ่มรหัสผ่าน (--auth {{1}}) หรือยอมรับเครื่องชาร์จทุกเครื่อง',
  'wrong password for {{0}}: {{1}}': 'รหัสผ่านของ {{0}} ไม่ถูกต้อง: {{1}}',
  'wrong password for {{0}}': 'รหัสผ่านของ {{0}} ไม่ถูกต้อง',
  'not the Basic scheme': 'ไม่ใช่รูปแบบ Basic',
  'no ":" between user and password': 'ไม่มี ":" คั่นระหว่างผู้ใช้กับรหัสผ่าน',
  'the charger sent the password hex-encoded (its AuthorizationKey is the hex of the password); configure the hex text, or enter the key as plain text on the charger':
    'เครื่องชาร์จส่งรหัสผ่านเป็นเลขฐานสิบหก (AuthorizationKey ของเครื่องคือรหัสผ่านในรูปฐานสิบหก): ตั้งรหัสผ่านเป็นข้อความฐานสิบหกนั้น หรือป้อนคีย์ในเครื่องชาร์จเป็นข้อความธรรมดา',
  'the charger sent the bytes the configured hex key encodes; configure the password as those bytes, or the charger as plain text':
    'เครื่องชาร์จส่งไบต์ที่คีย์ฐานสิบหกที่ตั้งไว้แทนอยู่: ตั้งรหัสผ่านเป็นไบต์เหล่านั้น หรือตั้งเครื่องชาร์จให้ใช้ข้อความธรรมดา',
  'the password sent has leading or trailing spaces': 'รหัสผ่านที่ส่งมามีช่องว่างนำหน้าหรือต่อท้าย',
  'the charger spoke plain HTTP/ws to the wss port: use the wss:// URL with TLS enabled on the charger, or the ws:// port':
    'เครื่องชาร์จส่ง HTTP/ws แบบไม่เข้ารหัสมาที่พอร์ต wss: ใช้ URL wss:// และเปิด TLS ในเครื่องชาร์จ หรือใช้พอร์ต ws://',
  'the charger offers only TLS 1.3; the platform requires TLS 1.2': 'เครื่องชาร์จเสนอเฉพาะ TLS 1.3 แต่แพลตฟอร์มต้องการ TLS 1.2',
  "the charger offers only {{0}}; the platform requires TLS 1.2: update the charger's firmware":
    'เครื่องชาร์จเสนอเฉพาะ {{0}} แต่แพลตฟอร์มต้องการ TLS 1.2: อัปเดตเฟิร์มแวร์ของเครื่องชาร์จ',
  "no cipher in common with the platform's policy ({{0}} suites, e.g. ECDHE-RSA-AES128-GCM-SHA256)":
    'ไม่มีชุดการเข้ารหัสที่ตรงกับนโยบายของแพลตฟอร์ม ({{0}} ชุด เช่น ECDHE-RSA-AES128-GCM-SHA256)',
  '{{0}}; it offers {{1}}': '{{0}} เครื่องชาร์จเสนอ {{1}}',
  '{{0}}; it offers no TLS 1.2 suites': '{{0}} เครื่องชาร์จไม่ได้เสนอชุดการเข้ารหัสของ TLS 1.2 เลย',
  'the charger does not speak TLS 1.2, which the platform requires': 'เครื่องชาร์จไม่รองรับ TLS 1.2 ซึ่งแพลตฟอร์มกำหนด',
  "the charger rejected the app's certificate: let it accept this certificate (or skip verification for the test), or pass a certificate it trusts with --cert/--key":
    'เครื่องชาร์จปฏิเสธใบรับรองของแอป: ให้เครื่องชาร์จยอมรับใบรับรองนี้ (หรือข้ามการตรวจสอบสำหรับการทดสอบ) หรือระบุใบรับรองที่เครื่องชาร์จเชื่อถือด้วย --cert/--key',
  "the charger says the certificate's dates are invalid: check the charger's clock (1970 after a reboot is common)":
    'เครื่องชาร์จแจ้งว่าวันที่ของใบรับรองไม่ถูกต้อง: ตรวจสอบนาฬิกาของเครื่องชาร์จ (มักเป็นปี 1970 หลังรีบูต)',
  'the charger closed the connection during the handshake: often it does not trust the certificate, or its clock is wrong':
    'เครื่องชาร์จปิดการเชื่อมต่อระหว่าง handshake: มักเป็นเพราะไม่เชื่อถือใบรับรอง หรือนาฬิกาของเครื่องไม่ถูกต้อง',
  'TLS handshake failed: {{0}}': 'TLS handshake ไม่สำเร็จ: {{0}}',
  '{{0}} as chosen': '{{0}} ตามที่เลือก',
  'not exercised in this run': 'ไม่ได้ทดสอบในรอบนี้',
  '{{0}} (the other profile purpose works, so the platform can still limit charging)': '{{0}} (โปรไฟล์อีกประเภทใช้งานได้ แพลตฟอร์มจึงยังจำกัดการชาร์จได้)',
  'the charger never connected': 'เครื่องชาร์จไม่เคยเชื่อมต่อ',
  'the charger never connected (refused at {{0}}: {{1}})': 'เครื่องชาร์จไม่เคยเชื่อมต่อ (ถูกปฏิเสธที่ขั้น {{0}}: {{1}})',
  'connected over wss from {{0}}': 'เชื่อมต่อผ่าน wss จาก {{0}}',
  "connected over plain ws: set the charger's central system URL to the wss:// address": 'เชื่อมต่อผ่าน ws ที่ไม่เข้ารหัส: ตั้ง URL ของระบบกลางในเครื่องชาร์จเป็นที่อยู่ wss://',
  'tried plain ws (refused at {{0}}): use the wss:// address': 'ลองเชื่อมต่อผ่าน ws ที่ไม่เข้ารหัส (ถูกปฏิเสธที่ขั้น {{0}}): ใช้ที่อยู่ wss://',
  'no TLS: the charger connected over plain ws (see transport.wss)': 'ไม่มี TLS: เครื่องชาร์จเชื่อมต่อผ่าน ws ที่ไม่เข้ารหัส (ดู transport.wss)',
  '{{0}} with {{1}}': '{{0}} กับ {{1}}',
  'negotiated {{0}} with {{1}}: the platform accepts only TLS 1.2 with the ELB 2018-06 ciphers':
    'ตกลงใช้ {{0}} กับ {{1}}: แพลตฟอร์มยอมรับเฉพาะ TLS 1.2 กับชุดการเข้ารหัสของ ELB 2018-06',
  'TLS handshake refused: {{0}}; {{1}}': 'TLS handshake ถูกปฏิเสธ: {{0}}; {{1}}',
  'TLS handshake refused: {{0}}': 'TLS handshake ถูกปฏิเสธ: {{0}}',
  'negotiated "{{0}}" instead of ocpp1.6': 'ตกลงใช้ "{{0}}" แทน ocpp1.6',
  'negotiated ocpp1.6, but {{0}}': 'ตกลงใช้ ocpp1.6 แต่{{0}}',
  'negotiated ocpp1.6': 'ตกลงใช้ ocpp1.6',
  '{{0}}: the charger must offer Sec-WebSocket-Protocol: ocpp1.6': '{{0}}: เครื่องชาร์จต้องเสนอ Sec-WebSocket-Protocol: ocpp1.6',
  "no Basic Auth header was sent: set the charger's password (AuthorizationKey / security profile 2)":
    'ไม่ได้ส่งส่วนหัว Basic Auth: ตั้งรหัสผ่านของเครื่องชาร์จ (AuthorizationKey / security profile 2)',
  'Basic Auth as {{0}} with the configured password': 'Basic Auth ในชื่อ {{0}} ด้วยรหัสผ่านที่ตั้งไว้',
  'refused: {{0}}': 'ถูกปฏิเสธ: {{0}}',
  'the charger sent no timestamps yet': 'เครื่องชาร์จยังไม่ได้ส่งเวลามาเลย',
  "the charger's clock is {{0}} ahead of the host's (median of {{1}} timestamps)": 'นาฬิกาของเครื่องชาร์จเร็วกว่าของโฮสต์ {{0}} (ค่ามัธยฐานจากเวลา {{1}} ค่า)',
  "the charger's clock is {{0}} behind the host's (median of {{1}} timestamps)": 'นาฬิกาของเครื่องชาร์จช้ากว่าของโฮสต์ {{0}} (ค่ามัธยฐานจากเวลา {{1}} ค่า)',
  '{{0}}: enable NTP on the charger': '{{0}}: เปิด NTP ในเครื่องชาร์จ',
  '{{0}}: set the time or enable NTP (a wrong clock also breaks TLS certificate checks)': '{{0}}: ตั้งเวลาหรือเปิด NTP (นาฬิกาที่ผิดทำให้การตรวจใบรับรอง TLS ล้มเหลวด้วย)',
  'BootNotification from {{0}} {{1}}, firmware {{2}}': 'BootNotification จาก {{0}} {{1}} เฟิร์มแวร์ {{2}}',
  'the BootNotification breaks the OCPP 1.6 schema: {{0}}': 'BootNotification ไม่ถูกต้องตามสคีมา OCPP 1.6: {{0}}',
  'no BootNotification arrived after connecting': 'ไม่ได้รับ BootNotification หลังเชื่อมต่อ',
  'no heartbeat interval was given (no accepted BootNotification)': 'ยังไม่ได้กำหนดช่วงเวลา heartbeat (ไม่มี BootNotification ที่ได้รับ Accepted)',
  '{{0}} frames from the charger, all valid OCPP 1.6': 'เฟรมจากเครื่องชาร์จ {{0}} เฟรม ถูกต้องตาม OCPP 1.6 ทั้งหมด',
  '{{0}} of {{1}} frames break the schema ({{2}}); first: {{3}}': '{{0}} จาก {{1}} เฟรมไม่ถูกต้องตามสคีมา ({{2}}); รายการแรก: {{3}}',
  'the configuration was not read': 'ยังไม่ได้อ่านค่าการตั้งค่า',
  'GetConfiguration does not report SupportedFeatureProfiles': 'GetConfiguration ไม่รายงาน SupportedFeatureProfiles',
  'SupportedFeatureProfiles ({{0}}) lacks {{1}}': 'SupportedFeatureProfiles ({{0}}) ขาด {{1}}',
  'no transaction was metered: plug in a car and let it charge during the check': 'ไม่มีการวัดค่าธุรกรรม: เสียบรถและปล่อยให้ชาร์จระหว่างการตรวจ',
  'Power.Active.Import in {{0}} of {{1}} MeterValues': 'มี Power.Active.Import ใน {{0}} จาก {{1}} MeterValues',
  'no Power.Active.Import, but Current.Import and Voltage in {{0}} MeterValues (power is computed from them)':
    'ไม่มี Power.Active.Import แต่มี Current.Import และ Voltage ใน {{0}} MeterValues (คำนวณกำลังไฟฟ้าจากค่าเหล่านี้)',
  "MeterValues carry only {{0}}: enable Power.Active.Import in the charger's meter settings":
    'MeterValues มีเพียง {{0}}: เปิด Power.Active.Import ในการตั้งค่ามิเตอร์ของเครื่องชาร์จ',
  "MeterValues carry no measurands: enable Power.Active.Import in the charger's meter settings":
    'MeterValues ไม่มีค่าการวัดเลย: เปิด Power.Active.Import ในการตั้งค่ามิเตอร์ของเครื่องชาร์จ',
  'MeterValues do not carry Energy.Active.Import.Register: add it to MeterValuesSampledData':
    'MeterValues ไม่มี Energy.Active.Import.Register: เพิ่มค่านี้ใน MeterValuesSampledData',
  'the energy register went down from {{0}} to {{1}} Wh during transaction {{2}} (a reboot resetting the meter?)':
    'ค่ามิเตอร์พลังงานลดลงจาก {{0}} เป็น {{1}} Wh ระหว่างธุรกรรม {{2}} (รีบูตแล้วมิเตอร์ถูกรีเซ็ตหรือไม่)',
  'Energy.Active.Import.Register in {{0}} MeterValues, never decreasing': 'มี Energy.Active.Import.Register ใน {{0}} MeterValues และไม่ลดลงเลย',
  'MeterValueSampleInterval was neither read nor set': 'ยังไม่ได้อ่านหรือตั้งค่า MeterValueSampleInterval',
  'too few MeterValues during a transaction to measure the interval': 'MeterValues ระหว่างธุรกรรมมีน้อยเกินไปที่จะวัดช่วงเวลา',
  'MeterValues {{0}} s apart where MeterValueSampleInterval is {{1}} s ({{2}} of {{3}} intervals off by more than 20 %)':
    'MeterValues ห่างกัน {{0}} วินาที ขณะที่ MeterValueSampleInterval คือ {{1}} วินาที ({{2}} จาก {{3}} ช่วงคลาดเคลื่อนเกิน 20 %)',
  '{{0}} intervals measured, all within 20 % of MeterValueSampleInterval': 'วัดได้ {{0}} ช่วง ทั้งหมดอยู่ในช่วง 20 % ของ MeterValueSampleInterval',
  'no transaction ended during the check': 'ไม่มีธุรกรรมที่สิ้นสุดระหว่างการตรวจ',
  'no transaction ran: plug in a car during the check': 'ไม่มีธุรกรรมเกิดขึ้น: เสียบรถระหว่างการตรวจ',
  'transaction {{0}}': 'ธุรกรรม {{0}}',
  "StartTransaction of {{0}} has no meterStart: the session would look like the meter's lifetime total":
    'StartTransaction ของ{{0}}ไม่มี meterStart: เซสชันจะดูเหมือนยอดรวมตลอดอายุของมิเตอร์',
  'StopTransaction of {{0}} has no meterStop': 'StopTransaction ของ{{0}}ไม่มี meterStop',
  'meterStop {{0}} Wh is below meterStart {{1}} Wh in {{2}}': 'meterStop {{0}} Wh ต่ำกว่า meterStart {{1}} Wh ใน{{2}}',
  'meterStart {{0}} Wh does not agree with the register ({{1}} Wh {{2}} later) in {{3}}: kWh sent as Wh, or a different meter?':
    'meterStart {{0}} Wh ไม่ตรงกับค่ามิเตอร์ ({{1}} Wh หลังจากนั้น {{2}}) ใน{{3}}: ส่งค่า kWh มาเป็น Wh หรือเป็นมิเตอร์คนละตัว',
  'meterStop {{0}} Wh does not agree with the last register reading {{1}} Wh in {{2}}': 'meterStop {{0}} Wh ไม่ตรงกับค่ามิเตอร์ล่าสุด {{1}} Wh ใน{{2}}',
  'meterStart {{0}} Wh and meterStop {{1}} Wh agree with the register': 'meterStart {{0}} Wh และ meterStop {{1}} Wh ตรงกับค่ามิเตอร์',
  'meterStart {{0}} Wh and meterStop {{1}} Wh agree with the register (no register readings to compare with)':
    'meterStart {{0}} Wh และ meterStop {{1}} Wh สอดคล้องกัน (ไม่มีค่ามิเตอร์ให้เปรียบเทียบ)',
  'connector {{0}} reported Available during transaction {{1}}, with a car plugged in': 'หัวชาร์จ {{0}} รายงาน Available ระหว่างธุรกรรม {{1}} ขณะที่เสียบรถอยู่',
  'connector {{0}} reports Charging while no power flows ({{1}} W): it must report SuspendedEVSE or SuspendedEV':
    'หัวชาร์จ {{0}} รายงาน Charging ขณะที่ไม่มีไฟฟ้าไหล ({{1}} W): ต้องรายงาน SuspendedEVSE หรือ SuspendedEV',
  'connector {{0}} reports {{1}} while {{2}} W flows': 'หัวชาร์จ {{0}} รายงาน {{1}} ขณะที่มีไฟฟ้าไหล {{2}} W',
  'statuses agree with the power measured ({{0}})': 'สถานะสอดคล้องกับกำลังไฟฟ้าที่วัดได้ ({{0}})',
  'the central system did not close the connection during the check': 'ระบบกลางไม่ได้ปิดการเชื่อมต่อระหว่างการตรวจ',
  'reconnected {{0}} s after the central system closed the connection': 'เชื่อมต่อใหม่ {{0}} วินาที หลังระบบกลางปิดการเชื่อมต่อ',
  'reconnected only after {{0}} (the platform expects it within {{1}})': 'เชื่อมต่อใหม่หลังจาก {{0}} (แพลตฟอร์มต้องการภายใน {{1}})',
  'did not reconnect within {{0}} after the central system closed the connection': 'ไม่ได้เชื่อมต่อใหม่ภายใน {{0}} หลังระบบกลางปิดการเชื่อมต่อ',
  'waiting for the charger to reconnect': 'กำลังรอเครื่องชาร์จเชื่อมต่อใหม่',
  'the connection was silent for {{0}} ({{1}} WebSocket pings seen): a load balancer with a {{2}} idle timeout drops it; set WebSocketPingInterval below {{3}}':
    'การเชื่อมต่อเงียบไป {{0}} (เห็น WebSocket ping {{1}} ครั้ง): load balancer ที่ตัดการเชื่อมต่อว่างหลัง {{2}} จะตัดการเชื่อมต่อนี้ ตั้ง WebSocketPingInterval ให้น้อยกว่า {{3}}',
  'watched the connection for only {{0}}; needs {{1}} to judge': 'เฝ้าดูการเชื่อมต่อเพียง {{0}} ต้องใช้ {{1}} จึงจะตัดสินได้',
  'never silent for {{0}} in {{1}} (longest silence {{2}}, {{3}} WebSocket pings)':
    'ไม่เคยเงียบนานถึง {{0}} ตลอด {{1}} (เงียบนานที่สุด {{2}}, WebSocket ping {{3}} ครั้ง)',
  '{{0}} was answered with CALLERROR {{1}}': '{{0}} ได้คำตอบเป็น CALLERROR {{1}}',
  '{{0}} was answered with CALLERROR': '{{0}} ได้คำตอบเป็น CALLERROR',
  '{{0}} got no answer in time': '{{0}} ไม่ได้รับคำตอบภายในเวลา',
  'the connection closed before {{0}} was answered': 'การเชื่อมต่อปิดก่อนที่ {{0}} จะได้รับคำตอบ',
  '{{0}} could not be sent: {{1}}': 'ส่ง {{0}} ไม่ได้: {{1}}',
  'connected, but no accepted BootNotification within {{0}} s': 'เชื่อมต่อแล้ว แต่ไม่มี BootNotification ที่ได้รับ Accepted ภายใน {{0}} วินาที',
  '{{0}} did not connect within {{1}} s': '{{0}} ไม่ได้เชื่อมต่อภายใน {{1}} วินาที',
  'neither a TxProfile nor a ChargePointMaxProfile was accepted, so no limit could be set':
    'ทั้ง TxProfile และ ChargePointMaxProfile ไม่ได้รับ Accepted จึงตั้งการจำกัดไม่ได้',
  'the car did not draw power: is it full, or waiting for its own schedule?': 'รถไม่ได้ดึงไฟ: แบตเตอรี่เต็มแล้ว หรือรถรอตารางเวลาของตัวเองอยู่หรือไม่',
  '{{0}} (an unidentified client, refused before it could name itself)': '{{0}} (ไคลเอนต์ที่ไม่ทราบตัวตน ถูกปฏิเสธก่อนระบุรหัสของตัวเอง)',
  'firmware is not in scope (no --firmware file given)': 'ไม่ได้รวมการอัปเดตเฟิร์มแวร์ (ไม่ได้ระบุไฟล์ --firmware)',
  'diagnostics were not asked for in this run': 'ไม่ได้ขอข้อมูลวินิจฉัยในรอบนี้',
  'ChangeConfiguration {{0}}={{1}} was {{2}}: the platform cannot set it': 'ChangeConfiguration {{0}}={{1}} ได้คำตอบ {{2}}: แพลตฟอร์มตั้งค่านี้ไม่ได้',
  '{{0}} was {{1}} but could not be read back: {{2}}': '{{0}} ได้คำตอบ {{1}} แต่อ่านค่ากลับไม่ได้: {{2}}',
  '{{0}} was {{1}} but GetConfiguration does not report it': '{{0}} ได้คำตอบ {{1}} แต่ GetConfiguration ไม่รายงานค่านี้',
  '{{0}} was {{1}}, but GetConfiguration reports "{{2}}"': '{{0}} ได้คำตอบ {{1}} แต่ GetConfiguration รายงานว่า "{{2}}"',
  '{{0}}={{1}} needs a reboot to take effect (RebootRequired)': '{{0}}={{1}} ต้องรีบูตจึงจะมีผล (RebootRequired)',
  '{{0}}={{1}} accepted and reported back': '{{0}}={{1}} ได้รับ Accepted และอ่านค่ากลับได้ตรงกัน',
  '{{0}} (not confirmed in MeterValues: no transaction was metered after the change)': '{{0}} (ยังไม่ได้ยืนยันใน MeterValues: ไม่มีการวัดค่าธุรกรรมหลังเปลี่ยนค่า)',
  '{{0}}, and the MeterValues that followed carry both': '{{0}} และ MeterValues หลังจากนั้นมีทั้งสองค่า',
  'accepted and reported back, but the MeterValues that followed carry {{0}} instead of Power.Active.Import':
    'ได้รับ Accepted และอ่านค่ากลับได้ แต่ MeterValues หลังจากนั้นมี {{0}} แทน Power.Active.Import',
  'accepted and reported back, but the MeterValues that followed carry only {{0}}: the charger ignores MeterValuesSampledData':
    'ได้รับ Accepted และอ่านค่ากลับได้ แต่ MeterValues หลังจากนั้นมีเพียง {{0}}: เครื่องชาร์จไม่สนใจ MeterValuesSampledData',
  '{{0}} over {{1}} ({{2}})': '{{0}} ผ่าน {{1}} ({{2}})',
  '{{0}} over {{1}}': '{{0}} ผ่าน {{1}}',
  'no upload arrived ({{0}}): {{1}}': 'ไม่มีไฟล์อัปโหลดมาถึง ({{0}}): {{1}}',
  'no upload arrived': 'ไม่มีไฟล์อัปโหลดมาถึง',
  'the charger answered that it has no diagnostics to send (no fileName)': 'เครื่องชาร์จตอบว่าไม่มีข้อมูลวินิจฉัยให้ส่ง (ไม่มี fileName)',
  'nothing arrived within {{0}} s (the charger said {{1}})': 'ไม่มีไฟล์มาถึงภายใน {{0}} วินาที (เครื่องชาร์จแจ้ง {{1}})',
  'nothing arrived within {{0}} s and the charger sent no DiagnosticsStatusNotification':
    'ไม่มีไฟล์มาถึงภายใน {{0}} วินาที และเครื่องชาร์จไม่ได้ส่ง DiagnosticsStatusNotification',
  '{{0}} arrived': 'ได้รับ {{0}}',
  '{{0}} ({{1}} bytes)': '{{0}} ({{1}} ไบต์)',
  '{{0}}, named otherwise than the {{1}} the charger announced': '{{0}} แต่ชื่อไฟล์ไม่ตรงกับ {{1}} ที่เครื่องชาร์จแจ้งไว้',
  '{{0}}, but the charger never reported Uploaded ({{1}})': '{{0}} แต่เครื่องชาร์จไม่เคยรายงาน Uploaded ({{1}})',
  '{{0}}, but the charger never reported Uploaded (no status)': '{{0}} แต่เครื่องชาร์จไม่เคยรายงาน Uploaded (ไม่มีสถานะ)',
  '{{0}}; the charger reported {{1}}': '{{0}} เครื่องชาร์จรายงาน {{1}}',
  'no transfer worked ({{0}}): {{1}}': 'ไม่มีวิธีถ่ายโอนใดสำเร็จ ({{0}}): {{1}}',
  'the charger reported {{0}} ({{1}})': 'เครื่องชาร์จรายงาน {{0}} ({{1}})',
  'the charger reported {{0}} ({{1}}); it never fetched the file': 'เครื่องชาร์จรายงาน {{0}} ({{1}}) และไม่เคยดึงไฟล์',
  'no Installed within {{0}} s (seen: {{1}})': 'ไม่มี Installed ภายใน {{0}} วินาที (ที่เห็น: {{1}})',
  'no Installed within {{0}} s (seen: no FirmwareStatusNotification)': 'ไม่มี Installed ภายใน {{0}} วินาที (ไม่เห็น FirmwareStatusNotification เลย)',
  'Installed, but the charger never reported {{0}}': 'Installed แล้ว แต่เครื่องชาร์จไม่เคยรายงาน {{0}}',
  'reported Installed without fetching the whole file from the app': 'รายงาน Installed โดยไม่ได้ดึงไฟล์ทั้งหมดจากแอป',
  'fetched {{0}} ({{1}} bytes) and reported {{2}}': 'ดึง {{0}} ({{1}} ไบต์) และรายงาน {{2}}',
  'during a transaction': 'ระหว่างธุรกรรม',
  'on connector 0': 'ที่หัวชาร์จ 0',
  'SetChargingProfile {{0}} {{1}} was {{2}}': 'SetChargingProfile {{0}} {{1}} ได้คำตอบ {{2}}',
  'SetChargingProfile {{0}} ({{1}} A) {{2}} Accepted': 'SetChargingProfile {{0}} ({{1}} A) {{2}} ได้รับ Accepted',
  'the car drew too little current to test a lower limit': 'รถดึงกระแสน้อยเกินไปที่จะทดสอบการจำกัดที่ต่ำกว่า',
  'the {{0}} A profile was not accepted: {{1}}': 'โปรไฟล์ {{0}} A ไม่ได้รับ Accepted: {{1}}',
  '{{0}} A per phase under a {{1}} A limit': '{{0}} A ต่อเฟส ภายใต้การจำกัด {{1}} A',
  'no current or power readings arrived under the limit': 'ไม่ได้รับค่ากระแสหรือกำลังไฟฟ้าระหว่างการจำกัด',
  'still {{0}} A per phase {{1}} s after a {{2}} A limit was accepted': 'ยังคง {{0}} A ต่อเฟส {{1}} วินาที หลังการจำกัด {{2}} A ได้รับ Accepted',
  'a 0 A limit was not accepted: {{0}}': 'การจำกัด 0 A ไม่ได้รับ Accepted: {{0}}',
  'power fell to {{0}} W and the charger reported {{1}}': 'กำลังไฟฟ้าลดลงเหลือ {{0}} W และเครื่องชาร์จรายงาน {{1}}',
  'power stopped under the 0 A limit but the charger kept reporting {{0}}: it must report SuspendedEVSE':
    'ไฟฟ้าหยุดไหลภายใต้การจำกัด 0 A แต่เครื่องชาร์จยังรายงาน {{0}}: ต้องรายงาน SuspendedEVSE',
  'no power or energy readings arrived within {{0}} s of the 0 A limit': 'ไม่ได้รับค่ากำลังไฟฟ้าหรือพลังงานภายใน {{0}} วินาที หลังการจำกัด 0 A',
  'still {{0}} W {{1}} s after a 0 A limit was accepted: the charger does not apply charging profiles':
    'ยังคง {{0}} W {{1}} วินาที หลังการจำกัด 0 A ได้รับ Accepted: เครื่องชาร์จไม่ใช้งานโปรไฟล์การชาร์จ',
  'no limit was in force to lift (see smart.off)': 'ไม่มีการจำกัดที่มีผลอยู่ให้ยกเลิก (ดู smart.off)',
  'power never stopped under the limit, so its return cannot be judged (see smart.off)': 'ไฟฟ้าไม่เคยหยุดไหลภายใต้การจำกัด จึงตัดสินการกลับมาไม่ได้ (ดู smart.off)',
  'ClearChargingProfile was not answered': 'ClearChargingProfile ไม่ได้รับคำตอบ',
  'power back to {{0}} W after the limit was lifted': 'กำลังไฟฟ้ากลับมาเป็น {{0}} W หลังยกเลิกการจำกัด',
  'power did not come back within {{0}} s of lifting the limit (before the limit: {{1}} W)':
    'กำลังไฟฟ้าไม่กลับมาภายใน {{0}} วินาที หลังยกเลิกการจำกัด (ก่อนจำกัด: {{1}} W)',
  "power stopped with SuspendedEV (the car's side) and did not come back when the limit was lifted: the car may have stopped on its own (full?), so the limit's effect is not shown":
    'ไฟฟ้าหยุดด้วย SuspendedEV (ฝั่งรถ) และไม่กลับมาเมื่อยกเลิกการจำกัด: รถอาจหยุดเอง (แบตเต็ม?) จึงไม่เห็นผลของการจำกัด',
  'no car was plugged in within {{0}} s: plug in a car and run the check again': 'ไม่มีการเสียบรถภายใน {{0}} วินาที: เสียบรถแล้วเริ่มการตรวจอีกครั้ง',
  'the charger does not say which it supports (SupportedFileTransferProtocols): {{0}}, then {{1}}':
    'เครื่องชาร์จไม่ได้แจ้งว่ารองรับแบบใด (SupportedFileTransferProtocols): ลอง {{0}} ก่อน แล้วจึง {{1}}',
  'the charger supports {{0}}': 'เครื่องชาร์จรองรับ {{0}}',
  'TriggerMessage StatusNotification for connector {{0}} was answered {{1}}: the platform cannot ask for it':
    'TriggerMessage StatusNotification สำหรับหัวชาร์จ {{0}} ได้คำตอบ {{1}}: แพลตฟอร์มขอข้อมูลนี้ไม่ได้',
  'TriggerMessage StatusNotification was Accepted but no StatusNotification for connector {{0}} followed within {{1}} s':
    'TriggerMessage StatusNotification ได้รับ Accepted แต่ไม่มี StatusNotification ของหัวชาร์จ {{0}} ตามมาภายใน {{1}} วินาที',
  'Accepted, and connector {{0}} re-reported {{1}}': 'ได้รับ Accepted และหัวชาร์จ {{0}} รายงาน {{1}} อีกครั้ง',
  '{{0}} (after 1 try disturbed by its own status changes)': '{{0}} (หลังการลอง 1 ครั้งที่ถูกรบกวนโดยการเปลี่ยนสถานะของเครื่องเอง)',
  '{{0}} (after {{1}} tries disturbed by its own status changes)': '{{0}} (หลังการลอง {{1}} ครั้งที่ถูกรบกวนโดยการเปลี่ยนสถานะของเครื่องเอง)',
  'its own change {{0}} → {{1}} landed in the window of try {{2}} and was not counted':
    'การเปลี่ยนสถานะของเครื่องเอง {{0}} → {{1}} เกิดขึ้นในช่วงของการลองครั้งที่ {{2}} จึงไม่นับ',
  "could not tell a triggered StatusNotification from the charger's own: {{0}}": 'แยก StatusNotification ที่เกิดจากการสั่งออกจากที่เครื่องชาร์จส่งเองไม่ได้: {{0}}',
  'TriggerMessage BootNotification was answered {{0}}: the platform cannot ask for it': 'TriggerMessage BootNotification ได้คำตอบ {{0}}: แพลตฟอร์มขอข้อมูลนี้ไม่ได้',
  'TriggerMessage BootNotification was Accepted but no BootNotification followed within {{0}} s':
    'TriggerMessage BootNotification ได้รับ Accepted แต่ไม่มี BootNotification ตามมาภายใน {{0}} วินาที',
  'Accepted, and a BootNotification followed on the same connection': 'ได้รับ Accepted และมี BootNotification ตามมาในการเชื่อมต่อเดียวกัน',
  "a BootNotification came after a reconnect in try {{0}}: that is the reconnect's, not an answer to the trigger":
    'BootNotification มาหลังการเชื่อมต่อใหม่ในการลองครั้งที่ {{0}}: เป็นของการเชื่อมต่อใหม่ ไม่ใช่คำตอบของการสั่ง',
  "could not tell a triggered BootNotification from the charger's own: {{0}}": 'แยก BootNotification ที่เกิดจากการสั่งออกจากที่เครื่องชาร์จส่งเองไม่ได้: {{0}}',
  'waiting for {{0}} to connect': 'กำลังรอ {{0}} เชื่อมต่อ',
  'reading the configuration': 'กำลังอ่านค่าการตั้งค่า',
  'TriggerMessage StatusNotification, once the charger has settled': 'TriggerMessage StatusNotification เมื่อสถานะของเครื่องชาร์จนิ่งแล้ว',
  'SetChargingProfile ChargePointMaxProfile on connector 0': 'SetChargingProfile ChargePointMaxProfile ที่หัวชาร์จ 0',
  'MeterValueSampleInterval={{0}} while measuring': 'MeterValueSampleInterval={{0}} ระหว่างการวัด',
  'SetChargingProfile TxProfile for transaction {{0}}': 'SetChargingProfile TxProfile สำหรับธุรกรรม {{0}}',
  'watching the connection for a heartbeat and {{0}} s of keep-alive before the reconnect test':
    'เฝ้าดูการเชื่อมต่อเพื่อรอ heartbeat และ keep-alive {{0}} วินาที ก่อนทดสอบการเชื่อมต่อใหม่',
  'closing the connection; the charger should reconnect': 'กำลังปิดการเชื่อมต่อ เครื่องชาร์จควรเชื่อมต่อกลับมาเอง',
  'GetDiagnostics: a file should arrive at the app': 'GetDiagnostics: ควรมีไฟล์ส่งมาถึงแอป',
  "UpdateFirmware with {{0}} from the app's file server": 'UpdateFirmware ด้วย {{0}} จากเซิร์ฟเวอร์ไฟล์ของแอป',
  'restoring the platform configuration and clearing test profiles': 'กำลังคืนค่าการตั้งค่าของแพลตฟอร์มและล้างโปรไฟล์ทดสอบ',
  'GetDiagnostics to {{0}}': 'GetDiagnostics ไปยัง {{0}}',
  'UpdateFirmware with {{0}} over {{1}}': 'UpdateFirmware ด้วย {{0}} ผ่าน {{1}}',
  'limiting to {{0}} A (the car draws {{1}} A)': 'กำลังจำกัดที่ {{0}} A (รถดึงกระแส {{1}} A)',
  'setting a limit of 0 A': 'กำลังตั้งการจำกัดที่ 0 A',
  'lifting the limit (ClearChargingProfile)': 'กำลังยกเลิกการจำกัด (ClearChargingProfile)',
  'Plug a car into the charger and let it charge (start it with its app or card if it asks).':
    'เสียบรถเข้ากับเครื่องชาร์จและปล่อยให้ชาร์จ (เริ่มด้วยแอปหรือบัตรหากเครื่องต้องการ)',
  'connector {{0}} is plugged in without a transaction: sending RemoteStartTransaction': 'หัวชาร์จ {{0}} เสียบอยู่แต่ไม่มีธุรกรรม: กำลังส่ง RemoteStartTransaction',
  'transaction {{0}} runs on connector {{1}}': 'ธุรกรรม {{0}} ทำงานที่หัวชาร์จ {{1}}',
  'ending transaction {{0}} with RemoteStopTransaction': 'กำลังจบธุรกรรม {{0}} ด้วย RemoteStopTransaction',
  'The charger did not end the transaction remotely: unplug the car.': 'เครื่องชาร์จไม่ได้จบธุรกรรมจากระยะไกล: ถอดสายชาร์จออกจากรถ',
  'the transaction ended': 'ธุรกรรมสิ้นสุดแล้ว',
  'connector {{0}} changed {{1}} → {{2}} on its own right after the trigger; triggering again once it settles':
    'หัวชาร์จ {{0}} เปลี่ยน {{1}} → {{2}} เองทันทีหลังการสั่ง จะสั่งอีกครั้งเมื่อสถานะนิ่ง',
  'the charger reconnected right after the trigger; waiting for it to boot, then triggering again': 'เครื่องชาร์จเชื่อมต่อใหม่ทันทีหลังการสั่ง กำลังรอให้บูตเสร็จแล้วจะสั่งอีกครั้ง',
  'FTP port {{0}} is in use (another program, or another check): the location names port {{1}} instead':
    'พอร์ต FTP {{0}} ถูกใช้อยู่ (โปรแกรมอื่น หรือการตรวจอื่น): ตำแหน่งที่ให้เครื่องชาร์จจึงใช้พอร์ต {{1}} แทน',
  "Basic Auth was sent as {{0}}, but no password is set for {{1}} to check it against: set the charger's password in the app (the Connect page, or --password for fieldkit check) and run again":
    'ส่ง Basic Auth ในชื่อ {{0}} แต่ยังไม่ได้ตั้งรหัสผ่านของ {{1}} ไว้ในแอปเพื่อใช้ตรวจ: ตั้งรหัสผ่านของเครื่องชาร์จในแอป (หน้าเชื่อมต่อ หรือ --password สำหรับ fieldkit check) แล้วตรวจอีกครั้ง',
  'nothing came from the charger for {{0}}, neither a Heartbeat nor another message (interval {{1}} s + 20 %): it must send a Heartbeat when it has nothing else to send':
    'ไม่มีข้อความใดจากเครื่องชาร์จเป็นเวลา {{0}} ทั้ง Heartbeat และข้อความอื่น (ช่วงเวลา {{1}} วินาที + 20 %): เครื่องชาร์จต้องส่ง Heartbeat เมื่อไม่มีข้อความอื่นจะส่ง',
  'nothing has come from the charger for {{0}} (interval {{1}} s + 20 %)': 'ยังไม่มีข้อความใดจากเครื่องชาร์จมา {{0}} แล้ว (ช่วงเวลา {{1}} วินาที + 20 %)',
  'watched for {{0}} after the BootNotification; one heartbeat interval + 20 % ({{1}}) is needed to judge':
    'เฝ้าดูได้ {{0}} หลัง BootNotification ต้องดูให้ครบหนึ่งช่วง heartbeat + 20 % ({{1}}) จึงตัดสินได้',
  'never silent for longer than the heartbeat interval ({{0}} s + 20 %): {{1}} Heartbeats, longest gap between messages {{2}}':
    'ไม่เคยเงียบนานกว่าช่วง heartbeat ({{0}} วินาที + 20 %): Heartbeat {{1}} ครั้ง ช่องว่างระหว่างข้อความนานที่สุด {{2}}',
  'the app could not run this step ({{0}}): run the check again, or report it with the session': 'แอปทำขั้นตอนนี้ไม่ได้ ({{0}}): ตรวจอีกครั้ง หรือแจ้งปัญหาพร้อมเซสชัน',
  'the run stopped on an error of the app ({{0}}): run the check again, or report it with the session':
    'การตรวจหยุดเพราะข้อผิดพลาดของแอป ({{0}}): ตรวจอีกครั้ง หรือแจ้งปัญหาพร้อมเซสชัน',
  'the suite was cancelled before this step: run the check again': 'การตรวจถูกยกเลิกก่อนถึงขั้นตอนนี้: ตรวจอีกครั้ง',
  'the app could not offer a location ({{0}}): run the check again': 'แอปเสนอตำแหน่งสำหรับอัปโหลดไม่ได้ ({{0}}): ตรวจอีกครั้ง',
  'GetDiagnostics to {{0}} ({{1}})': 'GetDiagnostics ไปยัง {{0}} ({{1}})',
  '{{0}} ({{1}} bytes; kept as {{2}}: a file of that name was already there)': '{{0}} ({{1}} ไบต์ เก็บเป็น {{2}} เพราะมีไฟล์ชื่อนั้นอยู่แล้ว)',
  'the app could not serve the firmware ({{0}}): run the check again': 'แอปให้บริการไฟล์เฟิร์มแวร์ไม่ได้ ({{0}}): ตรวจอีกครั้ง',
  'no transfer worked': 'ไม่มีวิธีส่งไฟล์ใดได้ผล',
  'UpdateFirmware with {{0}} over {{1}} ({{2}})': 'UpdateFirmware ด้วย {{0}} ผ่าน {{1}} ({{2}})',
  'Connector {{0}} is still Finishing (the last car is plugged in): unplug it, plug a car in again and let it charge (start it with its app or card if it asks).':
    'หัวชาร์จ {{0}} ยังอยู่ในสถานะ Finishing (รถคันล่าสุดยังเสียบอยู่): ถอดสายออก เสียบรถใหม่แล้วปล่อยให้ชาร์จ (เริ่มด้วยแอปหรือบัตรถ้าเครื่องถาม)',
  "the app's {{0}} server could not offer a location: {{1}}": 'เซิร์ฟเวอร์ {{0}} ของแอปเสนอตำแหน่งไม่ได้: {{1}}',
  'no {{0}} server is running in the app': 'ไม่มีเซิร์ฟเวอร์ {{0}} ทำงานอยู่ในแอป',
  '{{0}} recorded sessions are shown at most: the oldest, {{1}}, was closed to open another':
    'แสดงเซสชันที่บันทึกไว้ได้ครั้งละ {{0}} รายการ: จึงปิดรายการที่เก่าที่สุด {{1}} เพื่อเปิดรายการใหม่',
  'the platform refused {{0}}: {{1}}': 'แพลตฟอร์มปฏิเสธ {{0}}: {{1}}',
  "no Basic Auth credentials were sent: the platform decides who is relayed, and it needs the charger's own (a browser page cannot send them)":
    'ไม่ได้ส่งข้อมูลเข้าสู่ระบบ Basic Auth: แพลตฟอร์มเป็นผู้ตัดสินว่าจะส่งต่อเครื่องใด และต้องใช้ข้อมูลของเครื่องชาร์จเอง (หน้าเว็บในเบราว์เซอร์ส่งข้อมูลนี้ไม่ได้)',
  'the platform is still being asked about another connection of {{0}}: try again in a moment': 'กำลังสอบถามแพลตฟอร์มเกี่ยวกับการเชื่อมต่ออื่นของ {{0}} อยู่: ลองใหม่อีกสักครู่',
  'too many chargers are being checked with the platform at once: try again in a moment': 'มีเครื่องชาร์จกำลังตรวจสอบกับแพลตฟอร์มพร้อมกันมากเกินไป: ลองใหม่อีกสักครู่',
  'the platform could not be reached to check the credentials of {{0}} ({{1}}): the charger is admitted once the platform answers':
    'ติดต่อแพลตฟอร์มเพื่อตรวจข้อมูลเข้าสู่ระบบของ {{0}} ไม่ได้ ({{1}}): จะรับเครื่องชาร์จเมื่อแพลตฟอร์มตอบ',
  "the platform's answer could not be had: {{0}}": 'ไม่ได้รับคำตอบจากแพลตฟอร์ม: {{0}}',
  "the charge point id is {{0}} bytes long: identities are short names (at most {{1}} bytes here; OCPP's are 48 characters or fewer)":
    'รหัสเครื่องชาร์จยาว {{0}} ไบต์: รหัสต้องเป็นชื่อสั้น (ที่นี่ไม่เกิน {{1}} ไบต์ ส่วนของ OCPP ไม่เกิน 48 ตัวอักษร)',
  'the charge point id contains a control character or a line break: check the id entered in the charger':
    'รหัสเครื่องชาร์จมีอักขระควบคุมหรือการขึ้นบรรทัดใหม่: ตรวจสอบรหัสที่ตั้งไว้ในเครื่องชาร์จ',
  'wrong password for {{0}}: it still logs in with its previous password, although its AuthorizationKey was changed through this app {{1}} min ago (and kept here): the charger did not take the new key; restore the previous password on the Connect page, or change the key again':
    'รหัสผ่านของ {{0}} ไม่ถูกต้อง: เครื่องยังเข้าสู่ระบบด้วยรหัสผ่านเดิม แม้ AuthorizationKey ถูกเปลี่ยนผ่านแอปนี้เมื่อ {{1}} นาทีก่อน (และเก็บไว้ในแอปแล้ว): เครื่องชาร์จไม่ได้ใช้คีย์ใหม่ ให้คืนรหัสผ่านเดิมในหน้าเชื่อมต่อ หรือเปลี่ยนคีย์อีกครั้ง',
  'wrong password for {{0}}, {{1}} min after its AuthorizationKey was changed through this app: the charger may use the key in another form (hex or plain text) or another key; restore the previous password on the Connect page, or set the one the charger uses':
    'รหัสผ่านของ {{0}} ไม่ถูกต้อง {{1}} นาทีหลังจาก AuthorizationKey ถูกเปลี่ยนผ่านแอปนี้: เครื่องชาร์จอาจใช้คีย์ในรูปแบบอื่น (เลขฐานสิบหกหรือข้อความธรรมดา) หรือใช้คีย์อื่น ให้คืนรหัสผ่านเดิมในหน้าเชื่อมต่อ หรือตั้งรหัสผ่านที่เครื่องชาร์จใช้',
  'the headless host keeps no passwords between runs: give them with --auth-file or FIELDKIT_AUTH':
    'โฮสต์แบบไม่มีหน้าจอไม่เก็บรหัสผ่านข้ามการรัน: ให้ระบุด้วย --auth-file หรือ FIELDKIT_AUTH',
  'the operating system offers no encryption for secrets here': 'ระบบปฏิบัติการบนเครื่องนี้ไม่มีการเข้ารหัสสำหรับข้อมูลลับ',
  'no keyring (GNOME Keyring or KWallet) is running, and without one the "encryption" uses a key built into the app: passwords are not written to disk':
    'ไม่มี keyring (GNOME Keyring หรือ KWallet) ทำงานอยู่ และหากไม่มี "การเข้ารหัส" จะใช้คีย์ที่ฝังอยู่ในแอป: จึงไม่บันทึกรหัสผ่านลงดิสก์',
  '{{0}} (a file of passwords saved that way was removed: set them again)': '{{0}} (ไฟล์รหัสผ่านที่บันทึกไว้แบบนั้นถูกลบแล้ว: ให้ตั้งรหัสผ่านใหม่)',
  'saved passwords could not be read ({{0}}); set them again': 'อ่านรหัสผ่านที่บันทึกไว้ไม่ได้ ({{0}}); ให้ตั้งรหัสผ่านใหม่',
  '{{0}} s': '{{0}} วินาที',
  '{{0}} is a recorded session, shown read-only: it cannot be called': '{{0}} เป็นเซสชันที่บันทึกไว้ แสดงแบบอ่านอย่างเดียว: ส่งคำสั่งไปไม่ได้',
  'no session for charger {{0}} in this run': 'ไม่มีเซสชันของเครื่องชาร์จ {{0}} ในการรันครั้งนี้',
  'no readiness report was recorded with {{0}}': 'ไม่มีรายงานความพร้อมที่บันทึกไว้กับ {{0}}',
  'a readiness check of {{0}} is already running': 'การตรวจความพร้อมของ {{0}} กำลังทำงานอยู่แล้ว',
  'no readiness report for {{0}} yet: run the suite first': 'ยังไม่มีรายงานความพร้อมของ {{0}}: ให้รันชุดตรวจก่อน',
  'this host has no relay': 'โฮสต์นี้ไม่มีรีเลย์',
  'this host has no serial consoles': 'โฮสต์นี้ไม่มีคอนโซลอนุกรม',
  'this host keeps no sessions library': 'โฮสต์นี้ไม่มีคลังเซสชัน',
  'this host cannot show recorded sessions': 'โฮสต์นี้แสดงเซสชันที่บันทึกไว้ไม่ได้',
  'this host has no retention setting': 'โฮสต์นี้ไม่มีการตั้งค่าระยะเวลาเก็บข้อมูล',
  '{{0}} has no session header': '{{0}} ไม่มีส่วนหัวของเซสชัน',
  'no diagnostics {{0}} in a bundle opened as {{1}}': 'ไม่มีไฟล์วินิจฉัย {{0}} ในบันเดิลที่เปิดเป็น {{1}}',
  'no file server is running in this host': 'ไม่มีเซิร์ฟเวอร์ไฟล์ทำงานอยู่ในโฮสต์นี้',
  'no {{0}} server is running in this host': 'ไม่มีเซิร์ฟเวอร์ {{0}} ทำงานอยู่ในโฮสต์นี้',
  'this host has no {{0}} location to receive diagnostics in': 'โฮสต์นี้ไม่มีตำแหน่ง {{0}} สำหรับรับไฟล์วินิจฉัย',
  'no diagnostics file named {{0}} was received in this run': 'ไม่ได้รับไฟล์วินิจฉัยชื่อ {{0}} ในการรันครั้งนี้',
  'listing the ports failed ({{0}}); a port can still be opened by its path': 'แสดงรายการพอร์ตไม่สำเร็จ ({{0}}); ยังเปิดพอร์ตด้วยพาธได้',
  '{{0}}; a port can still be opened by its name (COM3, /dev/cu.usbserial-…)': '{{0}}; ยังเปิดพอร์ตด้วยชื่อได้ (COM3, /dev/cu.usbserial-…)',
  '{{0}}; listed from /sys and /dev/serial instead': '{{0}}; จึงแสดงรายการจาก /sys และ /dev/serial แทน',
  '{{0}}, and {{1}}; a port can still be opened by its path': '{{0}} และ {{1}}; ยังเปิดพอร์ตด้วยพาธได้',
  'udevadm is not installed (Debian/Ubuntu package "udev")': 'udevadm ไม่ได้ติดตั้งไว้ (แพ็กเกจ "udev" ของ Debian/Ubuntu)',
  '{{0}}: no such port (unplugged, or another name?)': '{{0}}: ไม่มีพอร์ตนี้ (ถอดสายออก หรือใช้ชื่ออื่น?)',
  '{{0}}: permission denied (on Linux, add your user to the "dialout" group and log in again)':
    '{{0}}: ไม่มีสิทธิ์เข้าถึง (บน Linux ให้เพิ่มผู้ใช้ของคุณในกลุ่ม "dialout" แล้วเข้าสู่ระบบใหม่)',
  '{{0}}: in use by another program (close the other terminal first)': '{{0}}: โปรแกรมอื่นใช้งานอยู่ (ปิดเทอร์มินัลอื่นก่อน)',
  '{{0}}: cannot open ({{1}})': '{{0}}: เปิดไม่ได้ ({{1}})',
  "udev's database lists no serial ports (is udevd running?)": 'ฐานข้อมูลของ udev ไม่มีพอร์ตอนุกรม (udevd ทำงานอยู่หรือไม่?)',
  "the system's port listing failed ({{0}})": 'การแสดงรายการพอร์ตของระบบล้มเหลว ({{0}})',
  'left out: {{0}}': 'ไม่ได้ใส่ไว้: {{0}}',
  '{{0}}: packed as it is, NOT checked for secrets (asked for at export)': '{{0}}: ใส่ไว้ตามเดิม โดยไม่ได้ตรวจหาข้อมูลลับ (ตามที่ขอไว้ตอนส่งออก)',
  '{{0}}: it cannot be checked for secrets, so it was left out': '{{0}}: ตรวจหาข้อมูลลับไม่ได้ จึงไม่ได้ใส่ไว้',
  'zip archive': 'ไฟล์บีบอัด zip',
  'gzipped tar archive': 'ไฟล์ tar ที่บีบอัดด้วย gzip',
  'gzipped text: checked for secrets': 'ข้อความที่บีบอัดด้วย gzip: ตรวจหาข้อมูลลับแล้ว',
  'gzipped binary data': 'ข้อมูลไบนารีที่บีบอัดด้วย gzip',
  'tar archive': 'ไฟล์ tar',
  'text: checked for secrets': 'ข้อความ: ตรวจหาข้อมูลลับแล้ว',
  'binary data': 'ข้อมูลไบนารี',
  'an archive that cannot be opened ({{0}})': 'ไฟล์บีบอัดที่เปิดไม่ได้ ({{0}})',
  '{{0}}: every file in it checked for secrets': '{{0}}: ตรวจหาข้อมูลลับในทุกไฟล์แล้ว',
  '{{0}}: its text files checked for secrets; {{1}} file(s) that are not text left out of it': '{{0}}: ตรวจหาข้อมูลลับในไฟล์ข้อความแล้ว; ไม่ได้ใส่ {{1}} ไฟล์ที่ไม่ใช่ข้อความ',
  'the clean-up stopped on an error of the app ({{0}}): check MeterValueSampleInterval, MeterValuesSampledData and charging profiles {{1}} by hand':
    'การคืนค่าหยุดลงเพราะข้อผิดพลาดของแอป ({{0}}): ให้ตรวจ MeterValueSampleInterval, MeterValuesSampledData และโปรไฟล์การชาร์จ {{1}} ด้วยตนเอง',
  'the charger was offline; set MeterValueSampleInterval={{0}} and MeterValuesSampledData={{1}} and clear charging profiles {{2}} when it is back':
    'เครื่องชาร์จออฟไลน์อยู่; เมื่อกลับมาให้ตั้ง MeterValueSampleInterval={{0}} และ MeterValuesSampledData={{1}} แล้วล้างโปรไฟล์การชาร์จ {{2}}',
  'ClearChargingProfile id {{0}}: Accepted (removed)': 'ClearChargingProfile รหัส {{0}}: Accepted (ลบแล้ว)',
  'ClearChargingProfile id {{0}}: Unknown (nothing left to clear: already removed)': 'ClearChargingProfile รหัส {{0}}: Unknown (ไม่มีอะไรให้ล้าง: ลบไปแล้ว)',
  'ClearChargingProfile id {{0}}: {{1}}': 'ClearChargingProfile รหัส {{0}}: {{1}}',
  'profile {{0}} may still be installed': 'โปรไฟล์ {{0}} อาจยังติดตั้งอยู่',
  '{{0}} was not restored ({{1}})': '{{0}} ไม่ได้คืนค่า ({{1}})',
  'kept what the charger sampled before the check: {{0}}': 'เก็บค่าที่เครื่องชาร์จวัดไว้ก่อนการตรวจ: {{0}}',
  "{{0}} no longer sampled: MeterValuesSampledDataMaxLength is {{1}}, and the platform's measurands come first":
    '{{0}} ไม่ถูกวัดอีกต่อไป: MeterValuesSampledDataMaxLength คือ {{1}} และค่าที่แพลตฟอร์มต้องการมาก่อน',
  'the sampled data before the check was not read: only the platform measurands are set': 'ไม่ได้อ่านค่าที่วัดก่อนการตรวจ: จึงตั้งเฉพาะค่าที่แพลตฟอร์มต้องการ',
  'no client certificate: admitted by its password (Security Profile 2) so that it can ask for one with SignCertificate; Security Profile 3 needs the certificate from its next connection':
    'ไม่มีใบรับรองไคลเอนต์: รับเข้าด้วยรหัสผ่าน (Security Profile 2) เพื่อให้ขอใบรับรองด้วย SignCertificate ได้; Security Profile 3 ต้องใช้ใบรับรองตั้งแต่การเชื่อมต่อครั้งถัดไป',
  'this host has no certificate authority to sign the CSR with': 'โฮสต์นี้ไม่มีผู้ออกใบรับรอง (CA) สำหรับลงนาม CSR',
  'the SignCertificate request holds no csr': 'คำขอ SignCertificate ไม่มี csr',
  'the CSR could not be signed: {{0}}': 'ลงนาม CSR ไม่ได้: {{0}}',
  'issue the charger a certificate from this app\'s CA (fieldkit certs issue, or "renew" on the Charger page), or trust its CA (fieldkit certs import-ca, or the Connect page)':
    'ให้ออกใบรับรองจาก CA ของแอปนี้แก่เครื่องชาร์จ (fieldkit certs issue หรือ "ต่ออายุ" ในหน้าเครื่องชาร์จ) หรือเชื่อถือ CA ของใบรับรองนั้น (fieldkit certs import-ca หรือหน้าเชื่อมต่อ)',
  'no client certificate was sent: Security Profile 3 admits a charger by its certificate (CN = {{0}}); install one in the charger, or set its password here so it can connect and ask for one (SignCertificate)':
    'ไม่ได้ส่งใบรับรองไคลเอนต์มา: Security Profile 3 รับเครื่องชาร์จด้วยใบรับรอง (CN = {{0}}); ให้ติดตั้งใบรับรองในเครื่องชาร์จ หรือตั้งรหัสผ่านของเครื่องไว้ที่นี่เพื่อให้เชื่อมต่อและขอใบรับรองได้ (SignCertificate)',
  'the client certificate expired on {{0}}{{1}}: renew it (the Charger page\'s "renew", or fieldkit certs issue {{2}})':
    'ใบรับรองไคลเอนต์หมดอายุเมื่อ {{0}}{{1}}: ให้ต่ออายุ ("ต่ออายุ" ในหน้าเครื่องชาร์จ หรือ fieldkit certs issue {{2}})',
  "the client certificate is valid only from {{0}}{{1}}: check this computer's clock, or wait":
    'ใบรับรองไคลเอนต์ใช้ได้ตั้งแต่ {{0}}{{1}} เท่านั้น: ให้ตรวจนาฬิกาของคอมพิวเตอร์เครื่องนี้ หรือรอ',
  'the client certificate is self-signed ({{0}}): no CA vouches for it; {{1}}': 'ใบรับรองไคลเอนต์ลงนามด้วยตัวเอง ({{0}}): ไม่มี CA รับรอง; {{1}}',
  "the client certificate's chain ends in a root this app does not trust (issuer {{0}}); {{1}}":
    'สายใบรับรองของไคลเอนต์สิ้นสุดที่ root ที่แอปนี้ไม่เชื่อถือ (ผู้ออก {{0}}); {{1}}',
  'the client certificate was issued by {{0}}, a CA this app does not trust; {{1}}': 'ใบรับรองไคลเอนต์ออกโดย {{0}} ซึ่งเป็น CA ที่แอปนี้ไม่เชื่อถือ; {{1}}',
  "the client certificate's signature does not verify with its issuer's key: it was altered, or its CA is another one of the same name":
    'ลายเซ็นของใบรับรองไคลเอนต์ตรวจสอบกับคีย์ของผู้ออกไม่ผ่าน: ใบรับรองถูกแก้ไข หรือ CA เป็นอีกตัวที่ชื่อเหมือนกัน',
  'the client certificate was not accepted by the TLS layer ({{0}}); {{1}}': 'ชั้น TLS ไม่ยอมรับใบรับรองไคลเอนต์ ({{0}}); {{1}}',
  'the client certificate names no common name (CN); Security Profile 3 needs CN = {{0}}': 'ใบรับรองไคลเอนต์ไม่มีชื่อ (CN); Security Profile 3 ต้องการ CN = {{0}}',
  "the client certificate names {{0}} (CN), but the charger connected as {{1}}: a certificate is for one charge point id; issue one for {{2}}, or check the id in the charger's URL":
    'ใบรับรองไคลเอนต์ระบุชื่อ {{0}} (CN) แต่เครื่องชาร์จเชื่อมต่อในชื่อ {{1}}: ใบรับรองหนึ่งใบใช้กับรหัสเครื่องชาร์จเดียว; ให้ออกใบรับรองสำหรับ {{2}} หรือตรวจรหัสใน URL ของเครื่องชาร์จ',
  'the client certificate is not for a TLS client: its extended key usage is {{0}}, and clientAuth is needed':
    'ใบรับรองไคลเอนต์ไม่ได้มีไว้สำหรับไคลเอนต์ TLS: การใช้งานคีย์แบบขยายคือ {{0}} แต่ต้องมี clientAuth',
  "the local CA's key ({{0}}) cannot be read: {{1}}": 'อ่านคีย์ของ CA ภายใน ({{0}}) ไม่ได้: {{1}}',
  "the local CA's certificate is in {{0}} but its key is not in {{1}}: certificates cannot be issued; restore the key, or move the certs folder away to start a new CA (chargers must then trust the new one)":
    'ใบรับรองของ CA ภายในอยู่ที่ {{0}} แต่คีย์ไม่อยู่ใน {{1}}: ออกใบรับรองไม่ได้; ให้กู้คีย์คืน หรือย้ายโฟลเดอร์ certs ออกเพื่อเริ่ม CA ใหม่ (เครื่องชาร์จต้องเชื่อถือ CA ใหม่)',
  'the csr is not a certificate signing request (PKCS#10 in PEM)': 'csr ไม่ใช่คำขอลงนามใบรับรอง (PKCS#10 แบบ PEM)',
  "the CSR's signature does not verify: it was altered, or signed with another key than the one it carries":
    'ลายเซ็นของ CSR ตรวจสอบไม่ผ่าน: ถูกแก้ไข หรือลงนามด้วยคีย์อื่นที่ไม่ใช่คีย์ใน CSR',
  'the CSR names no common name (CN): it must be the charge point id, {{0}}': 'CSR ไม่มีชื่อ (CN): ต้องเป็นรหัสเครื่องชาร์จ {{0}}',
  'the CSR names {{0}}, but the charger is {{1}}: a certificate for another id would be refused at its next connection':
    'CSR ระบุชื่อ {{0}} แต่เครื่องชาร์จคือ {{1}}: ใบรับรองของรหัสอื่นจะถูกปฏิเสธในการเชื่อมต่อครั้งถัดไป',
  "the CSR's RSA key has {{0}} bits; at least 2048 are needed": 'คีย์ RSA ของ CSR มี {{0}} บิต; ต้องมีอย่างน้อย 2048',
  "the CSR's EC key is on {{0}}; P-256 or P-384 are accepted": 'คีย์ EC ของ CSR อยู่บน {{0}}; รับเฉพาะ P-256 หรือ P-384',
  'the CSR carries a {{0}} key; RSA or ECDSA are accepted': 'CSR มีคีย์แบบ {{0}}; รับเฉพาะ RSA หรือ ECDSA',
  'the file is over {{0}} KiB: not a CA certificate': 'ไฟล์ใหญ่เกิน {{0}} KiB: ไม่ใช่ใบรับรอง CA',
  'no PEM certificate (-----BEGIN CERTIFICATE-----) in the file': 'ไม่มีใบรับรองแบบ PEM (-----BEGIN CERTIFICATE-----) ในไฟล์',
  'a certificate in the file cannot be read: {{0}}': 'อ่านใบรับรองในไฟล์ไม่ได้: {{0}}',
  '{{0}} is not a CA certificate (basicConstraints CA:FALSE): trust the CA that issued it instead':
    '{{0}} ไม่ใช่ใบรับรอง CA (basicConstraints CA:FALSE): ให้เชื่อถือ CA ที่ออกใบรับรองนี้แทน',
  '{{0}} expired on {{1}}': '{{0}} หมดอายุเมื่อ {{1}}',
  'this host keeps no certificates': 'โฮสต์นี้ไม่เก็บใบรับรอง',
  "the charger's clock was right at its last message": 'นาฬิกาของเครื่องชาร์จถูกต้องในข้อความล่าสุด',
  "the charger's clock was {{0}} s ahead at its last message": 'นาฬิกาของเครื่องชาร์จเร็วไป {{0}} วินาทีในข้อความล่าสุด',
  "the charger's clock was {{0}} s behind at its last message": 'นาฬิกาของเครื่องชาร์จช้าไป {{0}} วินาทีในข้อความล่าสุด',
  'the charger logged in with its client certificate and sent no Basic Auth: the platform admits chargers by Basic Auth today (client certificates are planned), so it needs its password for the platform too (Security Profile 2)':
    'เครื่องชาร์จเข้าสู่ระบบด้วยใบรับรองไคลเอนต์และไม่ได้ส่ง Basic Auth: ปัจจุบันแพลตฟอร์มรับเครื่องชาร์จด้วย Basic Auth (ใบรับรองไคลเอนต์อยู่ในแผน) จึงต้องมีรหัสผ่านสำหรับแพลตฟอร์มด้วย (Security Profile 2)',
  'connected with a client certificate for {{0}} issued by {{1}}, valid until {{2}} ({{3}})':
    'เชื่อมต่อด้วยใบรับรองไคลเอนต์ของ {{0}} ออกโดย {{1}} ใช้ได้ถึง {{2}} ({{3}})',
  'the charger connected without a client certificate (Security Profile 2): to check Profile 3, choose it on the Connect page (or serve --security-profile 3) and give the charger a certificate ("renew" on the Charger page, or fieldkit certs issue)':
    'เครื่องชาร์จเชื่อมต่อโดยไม่มีใบรับรองไคลเอนต์ (Security Profile 2): หากต้องการตรวจ Profile 3 ให้เลือกในหน้าเชื่อมต่อ (หรือ serve --security-profile 3) แล้วให้ใบรับรองแก่เครื่องชาร์จ ("ต่ออายุ" ในหน้าเครื่องชาร์จ หรือ fieldkit certs issue)',
  'no SecurityEventNotification seen (the charger sent none while watched, or does not report security events)':
    'ไม่พบ SecurityEventNotification (เครื่องชาร์จไม่ได้ส่งระหว่างที่เฝ้าดู หรือไม่รายงานเหตุการณ์ด้านความปลอดภัย)',
  '{{0}} SecurityEventNotification(s): {{1}}': 'SecurityEventNotification {{0}} รายการ: {{1}}',
};
