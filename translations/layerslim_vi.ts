<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en_US">
<context>
    <name>BreadcrumbBar</name>
    <message>
        <source>Show the whole layer</source>
        <translation>Hiện toàn bộ lớp</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Hiện %1</translation>
    </message>
</context>
<context>
    <name>BreakdownChart</name>
    <message>
        <source>by category</source>
        <translation>theo loại</translation>
    </message>
    <message>
        <source>by package</source>
        <translation>theo gói</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kept bytes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dung lượng giữ lại&lt;/b&gt;</translation>
    </message>
    <message>
        <source>by distribution</source>
        <translation>theo bản phân phối</translation>
    </message>
    <message>
        <source>%1: %2 of the kept bytes</source>
        <translation>%1: %2 số byte được giữ</translation>
    </message>
    <message>
        <source>other</source>
        <translation>khác</translation>
    </message>
</context>
<context>
    <name>BudgetPanel</name>
    <message>
        <source>Unzipped</source>
        <translation>Chưa nén</translation>
    </message>
    <message>
        <source>Zipped</source>
        <translation>Đã nén</translation>
    </message>
    <message>
        <source>Lambda allows 250 MB (262,144,000 bytes) unzipped for a function and all its layers together; the hatched part is kept free for your other layers.</source>
        <translation>Lambda cho phép tổng cộng 250 MB (262.144.000 byte) chưa nén cho một hàm cùng mọi lớp của nó; phần gạch chéo được chừa trống cho các lớp khác của bạn.</translation>
    </message>
    <message>
        <source>A layer zip uploaded directly may be at most 50 MB; larger ones go through S3.</source>
        <translation>Tệp zip của lớp tải lên trực tiếp tối đa 50 MB; tệp lớn hơn phải đi qua S3.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Room to leave for the function code and your other layers</source>
        <translation>Phần dung lượng chừa lại cho mã của hàm và các lớp khác của bạn</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lambda budget&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ngân sách Lambda&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Reserve for other layers:</source>
        <translation>&amp;Dự phòng cho các lớp khác:</translation>
    </message>
    <message>
        <source>open a layer</source>
        <translation>hãy mở một lớp</translation>
    </message>
    <message>
        <source>The function&apos;s code and its other layers: they count against the same 250 MB</source>
        <translation>Mã của hàm và các layer khác của nó: chúng cùng tính vào giới hạn 250 MB</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Thêm</translation>
    </message>
    <message>
        <source>Add the function&apos;s code or another layer</source>
        <translation>Thêm mã của hàm hoặc một layer khác</translation>
    </message>
    <message>
        <source>Layer or Function &amp;Zip…</source>
        <translation>Tệp &amp;zip của layer hoặc hàm…</translation>
    </message>
    <message>
        <source>&amp;Folder…</source>
        <translation>&amp;Thư mục…</translation>
    </message>
    <message>
        <source>Size…</source>
        <translation>Kích thước…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>Sharing the limit:</source>
        <translation>Cùng chia giới hạn:</translation>
    </message>
    <message>
        <source>the prefix is not valid</source>
        <translation>tiền tố không hợp lệ</translation>
    </message>
    <message>
        <source>The zip the export writes at level %1, to the byte.</source>
        <translation>Tệp zip mà bản xuất ghi ở mức %1, chính xác đến từng byte.</translation>
    </message>
    <message>
        <source>An estimate while every file is compressed once in the background; it becomes exact to the byte when that ends.</source>
        <translation>Ước tính trong khi mọi tệp được nén một lần ở chế độ nền; khi xong, con số chính xác đến từng byte.</translation>
    </message>
    <message>
        <source>Add a folder to the budget</source>
        <translation>Thêm một thư mục vào ngân sách</translation>
    </message>
    <message>
        <source>Add a zip to the budget</source>
        <translation>Thêm một tệp zip vào ngân sách</translation>
    </message>
    <message>
        <source>Zip archives (*.zip);;All files (*)</source>
        <translation>Tệp nén zip (*.zip);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Add a size</source>
        <translation>Thêm một kích thước</translation>
    </message>
    <message>
        <source>What takes the space (e.g. a layer&apos;s name):</source>
        <translation>Thứ chiếm chỗ (ví dụ tên một layer):</translation>
    </message>
    <message>
        <source>function code</source>
        <translation>mã của hàm</translation>
    </message>
    <message>
        <source>Unzipped size of “%1” in MB:</source>
        <translation>Kích thước giải nén của “%1”, tính bằng MB:</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 byte</translation>
    </message>
    <message>
        <source>%1: %2 bytes unzipped</source>
        <translation>%1: %2 byte khi giải nén</translation>
    </message>
    <message>
        <source>Left out of the budget: %1</source>
        <translation>Không tính vào ngân sách: %1</translation>
    </message>
    <message>
        <source>Measuring %1…</source>
        <translation>Đang đo %1…</translation>
    </message>
    <message>
        <source>Measuring %1… %2 files, %3</source>
        <translation>Đang đo %1… %2 tệp, %3</translation>
    </message>
    <message>
        <source>Make It &amp;Fit…</source>
        <translation>&amp;Làm cho vừa…</translation>
    </message>
    <message>
        <source>Find the least risky selection that fits, each step verified with a real Python</source>
        <translation>Tìm lựa chọn ít rủi ro nhất mà vừa giới hạn, mỗi bước được kiểm chứng bằng Python thật</translation>
    </message>
</context>
<context>
    <name>CheckMarks</name>
    <message>
        <source>built for %1</source>
        <translation>dựng cho %1</translation>
    </message>
    <message>
        <source>%1, not %2</source>
        <translation>%1, không phải %2</translation>
    </message>
    <message>
        <source>needs glibc %1</source>
        <translation>cần glibc %1</translation>
    </message>
    <message>
        <source>%1 binary</source>
        <translation>tệp nhị phân %1</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>không đọc được</translation>
    </message>
    <message>
        <source>imports</source>
        <translation>import được</translation>
    </message>
    <message>
        <source>import %1 passed</source>
        <translation>import %1 thành công</translation>
    </message>
    <message>
        <source>import fails</source>
        <translation>import lỗi</translation>
    </message>
    <message>
        <source>import %1 failed: %2</source>
        <translation>import %1 thất bại: %2</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 lỗi</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 lỗi</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 cảnh báo</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 cảnh báo</translation>
    </message>
    <message>
        <source>Findings inside this folder; the Checks panel lists them.</source>
        <translation>Có phát hiện trong thư mục này; bảng Kiểm tra liệt kê chúng.</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Lambda runtime the layer must load on</source>
        <translation>Runtime Lambda mà layer phải nạp được</translation>
    </message>
    <message>
        <source>Lambda architecture the layer must load on</source>
        <translation>Kiến trúc Lambda mà layer phải nạp được</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Đích:</translation>
    </message>
    <message>
        <source>Stop the running check</source>
        <translation>Dừng bước kiểm tra đang chạy</translation>
    </message>
    <message>
        <source>%1 of %2 done, last: %3</source>
        <translation>Xong %1 / %2, gần nhất: %3</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Xác minh</translation>
    </message>
    <message>
        <source>Lint</source>
        <translation>Soát lỗi</translation>
    </message>
    <message>
        <source>The selection changed since these results; run the checks again.</source>
        <translation>Lựa chọn đã thay đổi kể từ các kết quả này; hãy chạy lại các bước kiểm tra.</translation>
    </message>
    <message>
        <source>chosen here</source>
        <translation>chọn tại đây</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>No metadata names it in this layer: not installed, or its dist-info or egg-info was left out (its files then count as no distribution&apos;s).</source>
        <translation>Không có siêu dữ liệu nào nêu tên nó trong lớp này: chưa được cài, hoặc dist-info hay egg-info của nó đã bị bỏ ra (khi đó các tệp của nó không thuộc bản phân phối nào).</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Bản phân phối</translation>
    </message>
    <message>
        <source>Version in A</source>
        <translation>Phiên bản ở A</translation>
    </message>
    <message>
        <source>Version in B</source>
        <translation>Phiên bản ở B</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Compare: %1 → %2</source>
        <translation>So sánh: %1 → %2</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;■&lt;/span&gt; grew or added &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;■&lt;/span&gt; shrank or removed &amp;nbsp; — each tile sized by how much the file changed</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;■&lt;/span&gt; lớn lên hoặc thêm vào &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;■&lt;/span&gt; nhỏ đi hoặc bị bỏ &amp;nbsp; — mỗi ô lớn theo mức thay đổi của tệp</translation>
    </message>
    <message>
        <source>Treemap</source>
        <translation>Bản đồ cây</translation>
    </message>
    <message>
        <source>Distributions (%1)</source>
        <translation>Bản phân phối (%1)</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation>Tệp (%1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;A&lt;/b&gt; %1: %2 &amp;nbsp;→&amp;nbsp; &lt;b&gt;B&lt;/b&gt; %3: %4 &amp;nbsp; &lt;span style=&apos;color:%5; font-size:large&apos;&gt;&lt;b&gt;%6&lt;/b&gt;&lt;/span&gt;</source>
        <translation>&lt;b&gt;A&lt;/b&gt; %1: %2 &amp;nbsp;→&amp;nbsp; &lt;b&gt;B&lt;/b&gt; %3: %4 &amp;nbsp; &lt;span style=&apos;color:%5; font-size:large&apos;&gt;&lt;b&gt;%6&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n files added</source>
        <translation>
            <numerusform>%n tệp được thêm</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n bị bỏ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n thay đổi</numerusform>
        </translation>
    </message>
    <message>
        <source>Unzipped bytes as Lambda counts them; paths compared below the package root.</source>
        <translation>Số byte chưa nén như Lambda tính; đường dẫn được so sánh bên dưới gốc gói.</translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be read and count as unchanged; see the log.</source>
        <translation>
            <numerusform>%n tệp không đọc được và được coi là không đổi; xem nhật ký.</numerusform>
        </translation>
    </message>
    <message>
        <source>(no distribution)</source>
        <translation>(không thuộc bản phân phối nào)</translation>
    </message>
    <message>
        <source>added</source>
        <translation>thêm</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>bỏ</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>đổi</translation>
    </message>
</context>
<context>
    <name>CompareJob</name>
    <message>
        <source>Scanning %1… %2 files, %3</source>
        <translation>Đang quét %1… %2 tệp, %3</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Đang quét %1…</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>Đã hủy so sánh.</translation>
    </message>
    <message>
        <source>Comparing %1 with this layer…</source>
        <translation>Đang so sánh %1 với lớp này…</translation>
    </message>
</context>
<context>
    <name>CompareLauncher</name>
    <message>
        <source>Compare with a layer zip</source>
        <translation>So sánh với một tệp zip của lớp</translation>
    </message>
    <message>
        <source>Zip archives (*.zip);;All files (*)</source>
        <translation>Tệp nén zip (*.zip);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Compare with a layer folder or site-packages</source>
        <translation>So sánh với một thư mục lớp hoặc site-packages</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Đang quét %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Compare With</source>
        <translation>So sánh với</translation>
    </message>
    <message>
        <source>this layer (%1) as kept</source>
        <translation>lớp này (%1) như được giữ</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>Không thể so sánh</translation>
    </message>
</context>
<context>
    <name>CulpritSearch</name>
    <message>
        <source>Pruned path</source>
        <translation>Đường dẫn đã loại</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>&amp;Keep These Paths</source>
        <translation>&amp;Giữ các đường dẫn này</translation>
    </message>
    <message>
        <source>Mark the culprits Keep (one undo step)</source>
        <translation>Đánh dấu Giữ cho các thủ phạm (một bước hoàn tác)</translation>
    </message>
    <message>
        <source>Looking for what %1 needs among the pruned paths…</source>
        <translation>Đang tìm thứ %1 cần trong các đường dẫn đã loại…</translation>
    </message>
    <message>
        <source>Search cancelled.</source>
        <translation>Đã hủy tìm kiếm.</translation>
    </message>
    <message numerus="yes">
        <source>Keep %n path(s) %1 needs</source>
        <translation>
            <numerusform>Giữ %n đường dẫn mà %1 cần</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept %n path(s); verify again to confirm.</source>
        <translation>
            <numerusform>Đã giữ %n đường dẫn; hãy xác minh lại để chắc chắn.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; imports again when these pruned paths are kept (%2 verify runs over %3 pruned subtrees):</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; import lại được khi giữ các đường dẫn đã loại này (%2 lần xác minh trên %3 cây con đã loại):</translation>
    </message>
    <message>
        <source>No culprit for &lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>Không có thủ phạm cho &lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
</context>
<context>
    <name>DiffTreemap</name>
    <message>
        <source>No file changed.</source>
        <translation>Không tệp nào thay đổi.</translation>
    </message>
    <message>
        <source>grew by %1</source>
        <translation>lớn thêm %1</translation>
    </message>
    <message>
        <source>shrank by %1</source>
        <translation>nhỏ đi %1</translation>
    </message>
    <message numerus="yes">
        <source>%n files changed: %1 more, %2 less</source>
        <translation>
            <numerusform>%n tệp thay đổi: thêm %1, bớt %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExceptionsDialog</name>
    <message>
        <source>Exceptions to “%1”</source>
        <translation>Ngoại lệ của “%1”</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;&lt;br&gt;Entries matching one of these globs stay in the layer even when the rule matches them. One glob a line, relative to the package root: &lt;code&gt;*&lt;/code&gt; and &lt;code&gt;?&lt;/code&gt; stay within a folder, &lt;code&gt;**&lt;/code&gt; spans folders (&lt;code&gt;PIL/**&lt;/code&gt;, &lt;code&gt;**/tests&lt;/code&gt;, &lt;code&gt;scipy/misc/face.dat&lt;/code&gt;).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;&lt;br&gt;Các mục khớp với một trong các mẫu glob này vẫn được giữ trong lớp dù quy tắc có khớp với chúng. Mỗi dòng một mẫu, tính từ gốc gói: &lt;code&gt;*&lt;/code&gt; và &lt;code&gt;?&lt;/code&gt; chỉ khớp trong một thư mục, &lt;code&gt;**&lt;/code&gt; khớp qua nhiều thư mục (&lt;code&gt;PIL/**&lt;/code&gt;, &lt;code&gt;**/tests&lt;/code&gt;, &lt;code&gt;scipy/misc/face.dat&lt;/code&gt;).</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Thêm %1</translation>
    </message>
</context>
<context>
    <name>ExplorerView</name>
    <message>
        <source> — pruned by you</source>
        <translation> — do bạn lược bỏ</translation>
    </message>
    <message>
        <source> — pruned by “%1”</source>
        <translation> — bị lược bỏ bởi “%1”</translation>
    </message>
    <message>
        <source>Treemap</source>
        <translation>Bản đồ cây</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Write a &amp;report beside the zip (.report.md and .report.json)</source>
        <translation>Ghi &amp;báo cáo cạnh tệp zip (.report.md và .report.json)</translation>
    </message>
    <message>
        <source>Export Layer</source>
        <translation>Xuất layer</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose where to write the zip</source>
        <translation>Chọn nơi ghi tệp zip</translation>
    </message>
    <message>
        <source>python/ (any Python runtime)</source>
        <translation>python/ (mọi runtime Python)</translation>
    </message>
    <message>
        <source>none (the zip&apos;s root)</source>
        <translation>không có (gốc của tệp zip)</translation>
    </message>
    <message>
        <source>0 stores; 1–12 are libdeflate&apos;s levels (6 is zip&apos;s default, 12 the smallest)</source>
        <translation>0 chỉ lưu; 1–12 là các mức của libdeflate (6 là mặc định của zip, 12 nhỏ nhất)</translation>
    </message>
    <message>
        <source>&amp;Output zip:</source>
        <translation>Tệp zip &amp;đầu ra:</translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation>&amp;Tiền tố:</translation>
    </message>
    <message>
        <source>Compression &amp;level:</source>
        <translation>&amp;Mức nén:</translation>
    </message>
    <message>
        <source>Rules used, what each removed per package, lint findings and sizes before and after</source>
        <translation>Các quy tắc đã dùng, thứ mỗi quy tắc gỡ theo từng gói, kết quả soát lỗi và kích thước trước và sau</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Xuất</translation>
    </message>
    <message>
        <source>Export layer zip</source>
        <translation>Xuất tệp zip của layer</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Tệp nén zip (*.zip)</translation>
    </message>
    <message>
        <source>%1 files, %2 unzipped.</source>
        <translation>%1 tệp, %2 khi giải nén.</translation>
    </message>
    <message>
        <source>The zip will be %1 bytes (%2).</source>
        <translation>Tệp zip sẽ là %1 byte (%2).</translation>
    </message>
    <message>
        <source>The zip will be about %1 at level 6.</source>
        <translation>Tệp zip sẽ khoảng %1 ở mức 6.</translation>
    </message>
    <message>
        <source>Every entry of the zip is compressed again at level %1; its size is known after the export.</source>
        <translation>Mọi mục của tệp zip được nén lại ở mức %1; kích thước của nó chỉ biết được sau khi xuất.</translation>
    </message>
    <message>
        <source>Entries are copied as they are stored; change the level to compress them again.</source>
        <translation>Các mục được sao chép nguyên như khi lưu; đổi mức nén để nén lại chúng.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The prefix is not valid.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Tiền tố không hợp lệ.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Choose where to write the zip.</source>
        <translation>Hãy chọn nơi ghi tệp zip.</translation>
    </message>
    <message>
        <source>Writing %1 — %2</source>
        <translation>Đang ghi %1 — %2</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Đã hủy; không có gì được ghi.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Xuất thất bại:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Done.&lt;/b&gt; %1: %2 zip (%3 bytes), %4 files, %5 unzipped, in %6 s.</source>
        <translation>&lt;b&gt;Xong.&lt;/b&gt; %1: zip %2 (%3 byte), %4 tệp, %5 khi giải nén, trong %6 giây.</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>Báo cáo: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The report was not written:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Chưa ghi được báo cáo:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>keep as shipped</source>
        <translation>giữ như khi phát hành</translation>
    </message>
    <message>
        <source>drop (Python rebuilds it; slower cold starts)</source>
        <translation>bỏ (Python dựng lại; khởi động lạnh chậm hơn)</translation>
    </message>
    <message>
        <source>precompile for %1 (unchecked-hash .pyc)</source>
        <translation>biên dịch sẵn cho %1 (.pyc unchecked-hash)</translation>
    </message>
    <message>
        <source>sourceless (.pyc in place of .py)</source>
        <translation>không kèm nguồn (.pyc thay cho .py)</translation>
    </message>
    <message>
        <source>Precompile and sourceless run compileall with a Python of the target&apos;s version</source>
        <translation>Biên dịch sẵn và không kèm nguồn chạy compileall bằng một Python cùng phiên bản với đích</translation>
    </message>
    <message>
        <source>&amp;Bytecode:</source>
        <translation>&amp;Bytecode:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lint:&lt;/b&gt; %1 errors for %2 in the kept files; see the report.</source>
        <translation>&lt;b&gt;Lint:&lt;/b&gt; %1 lỗi cho %2 trong các tệp được giữ lại; xem báo cáo.</translation>
    </message>
</context>
<context>
    <name>FileTreeModel</name>
    <message>
        <source>manual</source>
        <translation>thủ công</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 byte</translation>
    </message>
    <message>
        <source>%1 bytes kept</source>
        <translation>giữ lại %1 byte</translation>
    </message>
    <message>
        <source>Checked entries are kept in the layer; uncheck to prune.</source>
        <translation>Các mục được đánh dấu sẽ được giữ trong lớp; bỏ dấu để lược bỏ.</translation>
    </message>
    <message>
        <source>Bytes of the regular files below, as Lambda counts them.</source>
        <translation>Số byte của các tệp thường bên dưới, theo cách Lambda tính.</translation>
    </message>
    <message>
        <source>Bytes that stay in the layer with the current selection.</source>
        <translation>Số byte còn lại trong lớp với lựa chọn hiện tại.</translation>
    </message>
    <message>
        <source>Share of the parent folder&apos;s bytes.</source>
        <translation>Tỷ lệ so với số byte của thư mục cha.</translation>
    </message>
    <message>
        <source>Regular files below.</source>
        <translation>Số tệp thường bên dưới.</translation>
    </message>
    <message>
        <source>The rule, or your manual choice, that leaves the entry out.</source>
        <translation>Quy tắc, hoặc lựa chọn thủ công của bạn, đã loại mục này ra.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <source>% of parent</source>
        <translation>% thư mục cha</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Pruned by</source>
        <translation>Lược bỏ bởi</translation>
    </message>
    <message>
        <source>Lint findings and verify results, once the Checks panel has run them; folders sum what is below.</source>
        <translation>Kết quả soát lỗi và xác minh, sau khi bảng Kiểm tra đã chạy; thư mục cộng dồn những gì bên dưới.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Kiểm tra</translation>
    </message>
</context>
<context>
    <name>FitDialog</name>
    <message>
        <source>verified</source>
        <translation>đã kiểm chứng</translation>
    </message>
    <message>
        <source>verified, culprits kept</source>
        <translation>đã kiểm chứng, giữ lại thủ phạm</translation>
    </message>
    <message>
        <source>backed out</source>
        <translation>đã hoàn lại</translation>
    </message>
    <message>
        <source>not tried</source>
        <translation>chưa thử</translation>
    </message>
    <message>
        <source>Also fit the 50 MB direct-upload limit, &amp;zipped</source>
        <translation>Cũng vừa giới hạn tải lên trực tiếp 50 MB, khi đã &amp;nén</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Lập kế hoạch</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>Á&amp;p dụng</translation>
    </message>
    <message>
        <source>&amp;Save as Profile…</source>
        <translation>&amp;Lưu thành hồ sơ…</translation>
    </message>
    <message>
        <source>Make It Fit</source>
        <translation>Làm cho vừa</translation>
    </message>
    <message>
        <source>Finds the least risky selection that fits &lt;b&gt;%1&lt;/b&gt; (the limit %2 less the reserve %3): safe rules first, then caution, then risky ones, and within a rule the package where it frees most first. Every step is proved by importing the kept set with a real Python (and your smoke script); a step that breaks an import keeps the files it needs, or is backed out.</source>
        <translation>Tìm lựa chọn ít rủi ro nhất vừa &lt;b&gt;%1&lt;/b&gt; (giới hạn %2 trừ phần dự trữ %3): quy tắc an toàn trước, rồi thận trọng, rồi rủi ro, và trong một quy tắc thì gói giải phóng nhiều nhất trước. Mỗi bước được chứng minh bằng cách import tập được giữ với Python thật (và script kiểm tra của bạn); bước làm hỏng một lệnh import sẽ giữ lại các tệp cần thiết, hoặc được hoàn lại.</translation>
    </message>
    <message>
        <source>optional: a script that calls your handler</source>
        <translation>tùy chọn: script gọi handler của bạn</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Duyệt…</translation>
    </message>
    <message>
        <source>S&amp;moke script:</source>
        <translation>Script &amp;kiểm tra:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <source>Frees</source>
        <translation>Giải phóng</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Rủi ro</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Kiểm chứng</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Put the planned selection in the layer as one step (Undo takes it back)</source>
        <translation>Đưa lựa chọn đã lập vào layer trong một bước (Hoàn tác sẽ lấy lại)</translation>
    </message>
    <message>
        <source>Choose a smoke script</source>
        <translation>Chọn script kiểm tra</translation>
    </message>
    <message>
        <source>Python scripts (*.py);;All files (*)</source>
        <translation>Script Python (*.py);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Save the plan as a profile</source>
        <translation>Lưu kế hoạch thành hồ sơ</translation>
    </message>
    <message>
        <source>LayerSlim profiles (*.json)</source>
        <translation>Hồ sơ LayerSlim (*.json)</translation>
    </message>
    <message>
        <source>Cannot save profile</source>
        <translation>Không thể lưu hồ sơ</translation>
    </message>
    <message>
        <source>Planning: each step is verified before the next…</source>
        <translation>Đang lập kế hoạch: mỗi bước được kiểm chứng trước bước sau…</translation>
    </message>
    <message>
        <source>No Python 3 found on PATH or in ~/.pyenv.</source>
        <translation>Không tìm thấy Python 3 trong PATH hoặc ~/.pyenv.</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 trong %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <source>kept %1</source>
        <translation>giữ %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;No plan:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Không có kế hoạch:&lt;/b&gt; %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b style=&apos;color:#1a7f37&apos;&gt;Fits:&lt;/b&gt; %1 of %2 after %n step(s), each verified with %3 (%4 checks run). Apply puts it in the layer as one step.</source>
        <translation>
            <numerusform>&lt;b style=&apos;color:#1a7f37&apos;&gt;Vừa:&lt;/b&gt; %1 trên %2 sau %n bước, mỗi bước được kiểm chứng bằng %3 (%4 lần kiểm tra). Áp dụng sẽ đưa nó vào layer trong một bước.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b42318&apos;&gt;Cannot fit:&lt;/b&gt; %1 of %2, %3 over after every step the rules allow. Strip native libraries (measured at export), a larger limit or a smaller reserve, or pruning by hand are what is left.</source>
        <translation>&lt;b style=&apos;color:#b42318&apos;&gt;Không thể vừa:&lt;/b&gt; %1 trên %2, vượt %3 sau mọi bước các quy tắc cho phép. Còn lại: strip thư viện native (đo khi xuất), giới hạn lớn hơn hoặc dự trữ nhỏ hơn, hoặc tỉa bằng tay.</translation>
    </message>
    <message>
        <source>Make it fit</source>
        <translation>Làm cho vừa</translation>
    </message>
    <message>
        <source>Still reading the layer&apos;s sources for metadata reads; plan again in a moment.</source>
        <translation>Vẫn đang đọc mã nguồn của layer để tìm các lần đọc metadata; hãy lập kế hoạch lại sau giây lát.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Zipped: %1 of %2.</source>
        <translation>&lt;br&gt;Đã nén: %1 trên %2.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Zipped: about %1 of %2&lt;/b&gt;, an estimate from per-category ratios, since not every file could be deflated: %3</source>
        <translation>&lt;br&gt;&lt;b&gt;Đã nén: khoảng %1 trên %2&lt;/b&gt;, ước lượng theo tỉ lệ của từng loại tệp, vì không phải tệp nào cũng nén được: %3</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b42318&apos;&gt;Cannot fit:&lt;/b&gt; %1 of %2 fits unzipped, but the zip stays over its limit after every step the rules allow. Pruning by hand is what is left.</source>
        <translation>&lt;b style=&apos;color:#b42318&apos;&gt;Không thể vừa:&lt;/b&gt; %1 trên %2 vừa khi chưa nén, nhưng bản zip vẫn vượt giới hạn của nó sau mọi bước các quy tắc cho phép. Còn lại: tỉa bằng tay.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Zipped: about %1 of %2&lt;/b&gt;: the files the strip rule rewrites are sized at export.</source>
        <translation>&lt;br&gt;&lt;b&gt;Đã nén: khoảng %1 trên %2&lt;/b&gt;: kích thước các tệp mà quy tắc strip ghi lại được đo khi xuất.</translation>
    </message>
</context>
<context>
    <name>LayerBudget</name>
    <message>
        <source>can be uploaded directly</source>
        <translation>tải lên trực tiếp được</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>vừa</translation>
    </message>
    <message>
        <source>eats into the reserve</source>
        <translation>lấn vào phần dự phòng</translation>
    </message>
    <message>
        <source>too large to upload directly</source>
        <translation>quá lớn để tải lên trực tiếp</translation>
    </message>
    <message>
        <source>over the limit</source>
        <translation>vượt giới hạn</translation>
    </message>
    <message>
        <source>can be uploaded directly: %1 under the %2 direct-upload limit</source>
        <translation>tải lên trực tiếp được: dưới giới hạn tải lên trực tiếp %2 là %1</translation>
    </message>
    <message>
        <source>too large to upload directly: %1 over the %2 direct-upload limit; upload it through S3</source>
        <translation>quá lớn để tải lên trực tiếp: vượt giới hạn tải lên trực tiếp %2 là %1; hãy tải lên qua S3</translation>
    </message>
    <message>
        <source>fits: %1 to spare beside the %2 reserve</source>
        <translation>vừa: còn dư %1 ngoài phần dự phòng %2</translation>
    </message>
    <message>
        <source>fits: %1 to spare</source>
        <translation>vừa: còn dư %1</translation>
    </message>
    <message>
        <source>eats into the reserve: only %1 of the %2 reserve left</source>
        <translation>lấn vào phần dự phòng: chỉ còn %1 trong phần dự phòng %2</translation>
    </message>
    <message>
        <source>over the limit: %1 more than the %2 allowed</source>
        <translation>vượt giới hạn: nhiều hơn mức cho phép %2 là %1</translation>
    </message>
    <message>
        <source>(beside %1 of other layers and code; this layer may take %2)</source>
        <translation>(cạnh %1 của các layer và mã khác; layer này còn được dùng %2)</translation>
    </message>
</context>
<context>
    <name>LayerDocument</name>
    <message>
        <source>Enable rule “%1”</source>
        <translation>Bật quy tắc “%1”</translation>
    </message>
    <message>
        <source>Disable rule “%1”</source>
        <translation>Tắt quy tắc “%1”</translation>
    </message>
    <message>
        <source>Edit exceptions of “%1”</source>
        <translation>Sửa ngoại lệ của “%1”</translation>
    </message>
    <message>
        <source>the whole layer</source>
        <translation>toàn bộ lớp</translation>
    </message>
    <message>
        <source>Prune %1</source>
        <translation>Lược bỏ %1</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>Giữ lại %1</translation>
    </message>
    <message>
        <source>Let rules decide %1</source>
        <translation>Để quy tắc quyết định %1</translation>
    </message>
    <message>
        <source>Reset all choices</source>
        <translation>Đặt lại mọi lựa chọn</translation>
    </message>
    <message>
        <source>Apply profile</source>
        <translation>Áp dụng hồ sơ</translation>
    </message>
    <message>
        <source>The layer&apos;s distributions are still being read.</source>
        <translation>Các bản phân phối của layer vẫn đang được đọc.</translation>
    </message>
    <message>
        <source>Drop %1</source>
        <translation>Bỏ %1</translation>
    </message>
    <message numerus="yes">
        <source>Drop %n distribution(s)</source>
        <translation>
            <numerusform>Bỏ %n bản phân phối</numerusform>
        </translation>
    </message>
    <message>
        <source>Rule “%1” needs a trace: name one in the profile&apos;s &quot;trace&quot;.</source>
        <translation>Quy tắc “%1” cần một bản trace: hãy chỉ định trong &quot;trace&quot; của hồ sơ.</translation>
    </message>
</context>
<context>
    <name>LimitGauge</name>
    <message>
        <source>Kept</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Còn trống</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>Dự phòng</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; / %2</translation>
    </message>
    <message>
        <source>— of %1</source>
        <translation>— / %1</translation>
    </message>
    <message>
        <source>%1 bytes of %2 bytes</source>
        <translation>%1 byte / %2 byte</translation>
    </message>
    <message>
        <source>%1: %2 MB</source>
        <translation>%1: %2 MB</translation>
    </message>
    <message>
        <source>&lt;b&gt;≈ %1&lt;/b&gt; of %2</source>
        <translation>&lt;b&gt;≈ %1&lt;/b&gt; / %2</translation>
    </message>
</context>
<context>
    <name>LintTab</name>
    <message>
        <source>machine</source>
        <translation>kiến trúc máy</translation>
    </message>
    <message>
        <source>ABI tag</source>
        <translation>thẻ ABI</translation>
    </message>
    <message>
        <source>glibc</source>
        <translation>glibc</translation>
    </message>
    <message>
        <source>not ELF</source>
        <translation>không phải ELF</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>không đọc được</translation>
    </message>
    <message>
        <source>&amp;Lint</source>
        <translation>&amp;Soát lỗi</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Đường dẫn</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>Check the kept native files: ELF machine, CPython ABI tag, GLIBC version, macOS/Windows binaries</source>
        <translation>Kiểm tra các tệp native được giữ: kiến trúc ELF, thẻ ABI CPython, phiên bản GLIBC, tệp nhị phân macOS/Windows</translation>
    </message>
    <message>
        <source>Linting native files for %1 on %2…</source>
        <translation>Đang soát các tệp native cho %1 trên %2…</translation>
    </message>
    <message>
        <source>Lint cancelled; the list is partial.</source>
        <translation>Đã hủy soát lỗi; danh sách chưa đầy đủ.</translation>
    </message>
    <message>
        <source>Lint checks the kept native files against the target.</source>
        <translation>Soát lỗi kiểm tra các tệp native được giữ so với đích.</translation>
    </message>
    <message>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <source>%1 on %2 (%3, glibc ≤ %4): %5 files checked, %6 ELF — %7 error(s), %8 warning(s)</source>
        <translation>%1 trên %2 (%3, glibc ≤ %4): đã kiểm %5 tệp, %6 ELF — %7 lỗi, %8 cảnh báo</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n tệp</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <source>LayerSlim Log</source>
        <translation>Nhật ký LayerSlim</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Tải lại</translation>
    </message>
    <message>
        <source>Open &amp;Folder</source>
        <translation>Mở &amp;thư mục</translation>
    </message>
    <message>
        <source>The log and its older rotations</source>
        <translation>Nhật ký và các bản xoay vòng cũ</translation>
    </message>
    <message>
        <source>Logging has not started.</source>
        <translation>Chưa bắt đầu ghi nhật ký.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Không đọc được %1: %2</translation>
    </message>
    <message>
        <source>The last %1 KB of %2</source>
        <translation>%1 KB cuối của %2</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Mở &amp;thư mục…</translation>
    </message>
    <message>
        <source>Open a layer folder or site-packages</source>
        <translation>Mở thư mục lớp hoặc site-packages</translation>
    </message>
    <message>
        <source>Open &amp;Zip…</source>
        <translation>Mở tệp &amp;zip…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open an existing layer zip</source>
        <translation>Mở một tệp zip lớp có sẵn</translation>
    </message>
    <message>
        <source>Open &amp;Profile…</source>
        <translation>Mở &amp;hồ sơ…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <source>Apply a saved profile&apos;s rules and choices</source>
        <translation>Áp dụng các quy tắc và lựa chọn của một hồ sơ đã lưu</translation>
    </message>
    <message>
        <source>&amp;Save Profile…</source>
        <translation>&amp;Lưu hồ sơ…</translation>
    </message>
    <message>
        <source>Save the rules and choices as a profile for layerslim-cli</source>
        <translation>Lưu các quy tắc và lựa chọn thành hồ sơ cho layerslim-cli</translation>
    </message>
    <message>
        <source>&amp;Export Layer…</source>
        <translation>&amp;Xuất lớp…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Write the kept files as a layer zip</source>
        <translation>Ghi các tệp được giữ lại thành tệp zip lớp</translation>
    </message>
    <message>
        <source>&amp;Close Layer</source>
        <translation>Đóng lớ&amp;p</translation>
    </message>
    <message>
        <source>Close the layer and show the start page</source>
        <translation>Đóng lớp và hiện trang bắt đầu</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Th&amp;oát</translation>
    </message>
    <message>
        <source>Quit LayerSlim</source>
        <translation>Thoát LayerSlim</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>&amp;Filter by Name</source>
        <translation>Lọ&amp;c theo tên</translation>
    </message>
    <message>
        <source>Filter the tree by file name</source>
        <translation>Lọc cây theo tên tệp</translation>
    </message>
    <message>
        <source>&amp;Prune Selected</source>
        <translation>Lược &amp;bỏ mục đã chọn</translation>
    </message>
    <message>
        <source>Leave the selected file or folder out of the layer</source>
        <translation>Loại tệp hoặc thư mục đã chọn ra khỏi lớp</translation>
    </message>
    <message>
        <source>&amp;Keep Selected</source>
        <translation>&amp;Giữ mục đã chọn</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Keep the selected file or folder whatever the rules say</source>
        <translation>Giữ tệp hoặc thư mục đã chọn bất kể quy tắc nói gì</translation>
    </message>
    <message>
        <source>&amp;Let Rules Decide</source>
        <translation>Để &amp;quy tắc quyết định</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Forget manual choices on the selected file or folder</source>
        <translation>Bỏ các lựa chọn thủ công trên tệp hoặc thư mục đã chọn</translation>
    </message>
    <message>
        <source>Reset &amp;All Choices</source>
        <translation>Đặt lại &amp;mọi lựa chọn</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Disable every rule and forget every manual choice</source>
        <translation>Tắt mọi quy tắc và bỏ mọi lựa chọn thủ công</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Trở lại</translation>
    </message>
    <message>
        <source>Show the folder the treemap showed before</source>
        <translation>Hiện thư mục mà bản đồ cây đã hiện trước đó</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>Lên t&amp;rên</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <source>Show the parent folder in the treemap</source>
        <translation>Hiện thư mục cha trong bản đồ cây</translation>
    </message>
    <message>
        <source>&amp;Top</source>
        <translation>&amp;Gốc</translation>
    </message>
    <message>
        <source>Alt+Home</source>
        <translation>Alt+Home</translation>
    </message>
    <message>
        <source>Show the whole layer in the treemap</source>
        <translation>Hiện toàn bộ lớp trong bản đồ cây</translation>
    </message>
    <message>
        <source>&amp;Zoom In</source>
        <translation>&amp;Phóng to</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Show the selected folder in the treemap</source>
        <translation>Hiện thư mục đã chọn trong bản đồ cây</translation>
    </message>
    <message>
        <source>&amp;Hide Pruned</source>
        <translation>Ẩ&amp;n phần đã lược bỏ</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Draw only what stays in the layer</source>
        <translation>Chỉ vẽ những gì còn lại trong lớp</translation>
    </message>
    <message>
        <source>Go to &amp;Tree</source>
        <translation>Đến &amp;cây</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the tree</source>
        <translation>Chuyển tiêu điểm bàn phím sang cây</translation>
    </message>
    <message>
        <source>Go to &amp;Rules</source>
        <translation>Đến &amp;quy tắc</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the rules</source>
        <translation>Chuyển tiêu điểm bàn phím sang các quy tắc</translation>
    </message>
    <message>
        <source>Edit &amp;Exceptions…</source>
        <translation>Sửa &amp;ngoại lệ…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Keep some packages or paths the current rule would prune</source>
        <translation>Giữ lại một số gói hoặc đường dẫn mà quy tắc hiện tại sẽ lược bỏ</translation>
    </message>
    <message>
        <source>&amp;About LayerSlim</source>
        <translation>&amp;Giới thiệu LayerSlim</translation>
    </message>
    <message>
        <source>What LayerSlim is and which version this is</source>
        <translation>LayerSlim là gì và đây là phiên bản nào</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Giới thiệu &amp;Qt</translation>
    </message>
    <message>
        <source>The Qt version LayerSlim runs on</source>
        <translation>Phiên bản Qt mà LayerSlim đang chạy</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Mở &amp;gần đây</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Quy tắc</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Chính</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Show &amp;Log</source>
        <translation>Xem &amp;nhật ký</translation>
    </message>
    <message>
        <source>What LayerSlim has logged: scans, exports, checks and errors</source>
        <translation>Những gì LayerSlim đã ghi: lượt quét, lượt xuất, kiểm tra và lỗi</translation>
    </message>
    <message>
        <source>&amp;New Layer from Requirements…</source>
        <translation>Layer &amp;mới từ requirements…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Stage a new layer folder with pip from a requirements file</source>
        <translation>Dựng một thư mục layer mới bằng pip từ một tệp requirements</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>Tùy &amp;chọn…</translation>
    </message>
    <message>
        <source>Language of the interface</source>
        <translation>Ngôn ngữ của giao diện</translation>
    </message>
    <message>
        <source>Colour by &amp;Distribution</source>
        <translation>Tô màu theo &amp;bản phân phối</translation>
    </message>
    <message>
        <source>Ctrl+Shift+B</source>
        <translation>Ctrl+Shift+B</translation>
    </message>
    <message>
        <source>Colour the treemap by the distribution that installed each file</source>
        <translation>Tô màu treemap theo bản phân phối đã cài từng tệp</translation>
    </message>
    <message>
        <source>Layer &amp;Zip…</source>
        <translation>Tệp &amp;zip của lớp…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Compare the layer as kept with another layer zip: what grew, what shrank</source>
        <translation>So sánh lớp như được giữ với một tệp zip lớp khác: cái gì lớn lên, cái gì nhỏ đi</translation>
    </message>
    <message>
        <source>&amp;Folder…</source>
        <translation>&amp;Thư mục…</translation>
    </message>
    <message>
        <source>Compare the layer as kept with another layer folder: what grew, what shrank</source>
        <translation>So sánh lớp như được giữ với một thư mục lớp khác: cái gì lớn lên, cái gì nhỏ đi</translation>
    </message>
    <message>
        <source>Compare &amp;With</source>
        <translation>So &amp;sánh với</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Stop scanning (Esc)</source>
        <translation>Dừng quét (Esc)</translation>
    </message>
    <message>
        <source>Open a layer folder or site-packages</source>
        <translation>Mở thư mục lớp hoặc site-packages</translation>
    </message>
    <message>
        <source>Open a layer zip</source>
        <translation>Mở tệp zip lớp</translation>
    </message>
    <message>
        <source>Zip archives (*.zip);;All files (*)</source>
        <translation>Tệp nén zip (*.zip);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Scanning… %1 files, %2 — %3</source>
        <translation>Đang quét… %1 tệp, %2 — %3</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Đang quét %1…</translation>
    </message>
    <message>
        <source>Cannot open layer</source>
        <translation>Không mở được lớp</translation>
    </message>
    <message numerus="yes">
        <source>%n entries could not be read; see the log for the paths.</source>
        <translation>
            <numerusform>%n mục không đọc được; xem nhật ký để biết các đường dẫn.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a layer folder or zip, or drop one here.</source>
        <translation>Mở một thư mục hoặc tệp zip lớp, hoặc thả vào đây.</translation>
    </message>
    <message>
        <source>%1 files, %2 folders, %3 — kept %4 in %5 files — pruned %6 in %7 files</source>
        <translation>%1 tệp, %2 thư mục, %3 — giữ lại %4 trong %5 tệp — lược bỏ %6 trong %7 tệp</translation>
    </message>
    <message>
        <source>%1 — LayerSlim</source>
        <translation>%1 — LayerSlim</translation>
    </message>
    <message>
        <source>LayerSlim</source>
        <translation>LayerSlim</translation>
    </message>
    <message>
        <source>Open a profile</source>
        <translation>Mở hồ sơ</translation>
    </message>
    <message>
        <source>LayerSlim profiles (*.json);;All files (*)</source>
        <translation>Hồ sơ LayerSlim (*.json);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Cannot apply profile</source>
        <translation>Không áp dụng được hồ sơ</translation>
    </message>
    <message>
        <source>Applied %1</source>
        <translation>Đã áp dụng %1</translation>
    </message>
    <message>
        <source>Save the choices as a profile</source>
        <translation>Lưu các lựa chọn thành hồ sơ</translation>
    </message>
    <message>
        <source>LayerSlim profiles (*.json)</source>
        <translation>Hồ sơ LayerSlim (*.json)</translation>
    </message>
    <message>
        <source>Cannot save profile</source>
        <translation>Không lưu được hồ sơ</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <source>About LayerSlim</source>
        <translation>Giới thiệu LayerSlim</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LayerSlim %1&lt;/h3&gt;&lt;p&gt;Fits Python dependencies into AWS Lambda layers: it shows what takes the space, prunes it with rules whose risk is spelled out, keeps a live count against Lambda&apos;s 250 MB (262,144,000 bytes) unzipped limit and exports a reproducible layer zip.&lt;/p&gt;&lt;p&gt;The scanned folder is never written to. Profiles saved here replay with &lt;code&gt;layerslim-cli&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;Log file: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LayerSlim %1&lt;/h3&gt;&lt;p&gt;Thu gọn các gói Python cho vừa lớp AWS Lambda: cho thấy cái gì chiếm dung lượng, lược bỏ bằng các quy tắc có nêu rõ rủi ro, theo dõi trực tiếp so với giới hạn 250 MB (262.144.000 byte) chưa nén của Lambda và xuất ra tệp zip lớp có thể tái tạo y hệt.&lt;/p&gt;&lt;p&gt;Thư mục được quét không bao giờ bị ghi vào. Hồ sơ lưu ở đây được chạy lại y hệt bằng &lt;code&gt;layerslim-cli&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;Tệp nhật ký: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Phân tích</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Yêu cầu</translation>
    </message>
    <message>
        <source>Ctrl+5</source>
        <translation>Ctrl+5</translation>
    </message>
    <message>
        <source>Choose the trace for “%1” (from layerslim-cli trace)</source>
        <translation>Chọn bản trace cho “%1” (từ layerslim-cli trace)</translation>
    </message>
    <message>
        <source>Traces (*.json);;All files (*)</source>
        <translation>Bản trace (*.json);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Cannot use the trace</source>
        <translation>Không thể dùng bản trace</translation>
    </message>
    <message>
        <source>Trace loaded</source>
        <translation>Đã nạp bản trace</translation>
    </message>
</context>
<context>
    <name>NodeCategory</name>
    <message>
        <source>Native libraries</source>
        <translation>Thư viện native</translation>
    </message>
    <message>
        <source>Python source</source>
        <translation>Mã nguồn Python</translation>
    </message>
    <message>
        <source>Bytecode</source>
        <translation>Bytecode</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Kiểm thử</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Siêu dữ liệu</translation>
    </message>
    <message>
        <source>Headers &amp; sources</source>
        <translation>Header &amp; mã nguồn</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
</context>
<context>
    <name>NodeMenu</name>
    <message>
        <source>whole layer</source>
        <translation>toàn bộ lớp</translation>
    </message>
    <message>
        <source>&amp;Prune</source>
        <translation>Lược &amp;bỏ</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Giữ lại</translation>
    </message>
    <message>
        <source>&amp;Let Rules Decide</source>
        <translation>Để &amp;quy tắc quyết định</translation>
    </message>
    <message>
        <source>&amp;Zoom Treemap Here</source>
        <translation>&amp;Phóng bản đồ cây vào đây</translation>
    </message>
    <message>
        <source>&amp;Select in Tree</source>
        <translation>&amp;Chọn trong cây</translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation>Sao chép đường &amp;dẫn</translation>
    </message>
    <message>
        <source>&amp;Open Containing Folder</source>
        <translation>&amp;Mở thư mục chứa</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Tùy chọn</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Theo hệ thống (%1)</translation>
    </message>
    <message>
        <source>LayerSlim speaks the chosen language from its next start.</source>
        <translation>LayerSlim dùng ngôn ngữ đã chọn từ lần khởi động sau.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>No recent layers</source>
        <translation>Không có lớp mở gần đây</translation>
    </message>
    <message>
        <source>&amp;Clear Recent</source>
        <translation>&amp;Xóa danh sách gần đây</translation>
    </message>
</context>
<context>
    <name>RequirementsPanel</name>
    <message>
        <source>&amp;Drop with Its Own Dependencies</source>
        <translation>&amp;Bỏ cùng các phụ thuộc riêng</translation>
    </message>
    <message>
        <source>&amp;Find Duplicates</source>
        <translation>&amp;Tìm bản trùng</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>Yêu cầu</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Đã cài</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <source>Dropping frees</source>
        <translation>Bỏ sẽ giải phóng</translation>
    </message>
    <message>
        <source>Prune the selected distribution and every distribution it needs that nothing else kept needs. One step: Undo brings it back.</source>
        <translation>Tỉa bản phân phối đã chọn và mọi bản phân phối nó cần mà không bản nào khác còn giữ cần đến. Một bước: Hoàn tác sẽ khôi phục.</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Yêu cầu</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>One copy</source>
        <translation>Một bản</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <source>Wasted</source>
        <translation>Lãng phí</translation>
    </message>
    <message>
        <source>Files with the same content stored more than once. Pruning a copy is your choice; verify proves the layer still imports.</source>
        <translation>Các tệp cùng nội dung được lưu nhiều lần. Tỉa một bản là lựa chọn của bạn; kiểm chứng sẽ chứng minh layer vẫn import được.</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Bản trùng</translation>
    </message>
    <message>
        <source>Reading the installed distributions…</source>
        <translation>Đang đọc các bản phân phối đã cài…</translation>
    </message>
    <message numerus="yes">
        <source>%n installed distribution(s), %1 top-level; %2 kept belongs to none.</source>
        <translation>
            <numerusform>%n bản phân phối đã cài, %1 ở cấp cao nhất; %2 được giữ không thuộc bản nào.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot drop</source>
        <translation>Không thể bỏ</translation>
    </message>
    <message>
        <source>the whole layer</source>
        <translation>toàn bộ layer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why is %1 here?&lt;/b&gt; Its files come from several distributions, or from none.</source>
        <translation>&lt;b&gt;Vì sao có %1?&lt;/b&gt; Các tệp của nó đến từ nhiều bản phân phối, hoặc không từ bản nào.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why is %1 here?&lt;/b&gt; No installed distribution lists it (unowned).</source>
        <translation>&lt;b&gt;Vì sao có %1?&lt;/b&gt; Không bản phân phối đã cài nào liệt kê nó (không chủ).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why is %1 here?&lt;/b&gt; Installed by %2, required by %3 (top-level).</source>
        <translation>&lt;b&gt;Vì sao có %1?&lt;/b&gt; Được cài bởi %2, do %3 (cấp cao nhất) yêu cầu.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why is %1 here?&lt;/b&gt; Installed by %2, a top-level requirement.</source>
        <translation>&lt;b&gt;Vì sao có %1?&lt;/b&gt; Được cài bởi %2, một yêu cầu cấp cao nhất.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why is %1 here?&lt;/b&gt; Installed by %2, which only a requirement cycle holds.</source>
        <translation>&lt;b&gt;Vì sao có %1?&lt;/b&gt; Được cài bởi %2, chỉ được giữ bởi một vòng yêu cầu.</translation>
    </message>
    <message>
        <source>Comparing files of equal size…</source>
        <translation>Đang so sánh các tệp cùng kích thước…</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of identical kept files; the extra copies take %1. Pruning a copy is your choice; verify proves the layer still imports.</source>
        <translation>
            <numerusform>%n nhóm tệp được giữ giống hệt nhau; các bản thừa chiếm %1. Tỉa một bản là lựa chọn của bạn; kiểm chứng sẽ chứng minh layer vẫn import được.</numerusform>
        </translation>
    </message>
    <message>
        <source>Top Level from &amp;File…</source>
        <translation>Cấp cao nhất từ &amp;tệp…</translation>
    </message>
    <message>
        <source>Take the top-level requirements from your requirements.txt instead of “required by nothing installed”</source>
        <translation>Lấy các yêu cầu cấp cao nhất từ requirements.txt của bạn thay vì “không bản đã cài nào yêu cầu”</translation>
    </message>
    <message>
        <source>Top-level: the names in %1.</source>
        <translation>Cấp cao nhất: các tên trong %1.</translation>
    </message>
    <message>
        <source>Choose your requirements file</source>
        <translation>Chọn tệp requirements của bạn</translation>
    </message>
    <message>
        <source>Requirements (*.txt *.in);;All files (*)</source>
        <translation>Requirements (*.txt *.in);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Cannot read the requirements</source>
        <translation>Không thể đọc requirements</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>Chưa cài</translation>
    </message>
    <message>
        <source>%1 asks for distributions the layer does not have: %2</source>
        <translation>%1 yêu cầu các bản phân phối mà layer không có: %2</translation>
    </message>
</context>
<context>
    <name>RuleCatalog</name>
    <message>
        <source>Test suites</source>
        <translation>Bộ kiểm thử</translation>
    </message>
    <message>
        <source>Folders named exactly tests/ or test/. A few packages import from their own tests at import time; pandas/_testing is never matched.</source>
        <translation>Các thư mục tên đúng là tests/ hoặc test/. Một vài gói import từ chính bộ kiểm thử của chúng khi được import; pandas/_testing không bao giờ bị khớp.</translation>
    </message>
    <message>
        <source>Bytecode caches</source>
        <translation>Bộ đệm bytecode</translation>
    </message>
    <message>
        <source>__pycache__/ folders and *.pyc/*.pyo files. Python rebuilds them, but cold starts get slower (0.5–1 s to 2 s+ reported).</source>
        <translation>Thư mục __pycache__/ và các tệp *.pyc/*.pyo. Python dựng lại chúng, nhưng khởi động lạnh chậm hơn (đã ghi nhận 0,5–1 giây đến hơn 2 giây).</translation>
    </message>
    <message>
        <source>Package metadata</source>
        <translation>Siêu dữ liệu gói</translation>
    </message>
    <message>
        <source>*.dist-info/ and *.egg-info. Breaks importlib.metadata.version(), entry points and pkg_resources checks.</source>
        <translation>*.dist-info/ và *.egg-info. Làm hỏng importlib.metadata.version(), entry point và các kiểm tra pkg_resources.</translation>
    </message>
    <message>
        <source>pyproject.toml</source>
        <translation>pyproject.toml</translation>
    </message>
    <message>
        <source>Build configuration shipped inside packages; never read at run time.</source>
        <translation>Cấu hình dựng được gửi kèm trong gói; không bao giờ được đọc lúc chạy.</translation>
    </message>
    <message>
        <source>Sample data</source>
        <translation>Dữ liệu mẫu</translation>
    </message>
    <message>
        <source>*.dat files and sample-data folders (scipy.misc, sklearn, matplotlib). Functions that load the samples stop working.</source>
        <translation>Các tệp *.dat và thư mục dữ liệu mẫu (scipy.misc, sklearn, matplotlib). Các hàm nạp dữ liệu mẫu sẽ ngừng hoạt động.</translation>
    </message>
    <message>
        <source>C headers</source>
        <translation>Header C</translation>
    </message>
    <message>
        <source>*.h, *.hpp and include/ folders inside packages; only needed to build against the package.</source>
        <translation>Các tệp *.h, *.hpp và thư mục include/ trong gói; chỉ cần khi dựng mã dựa trên gói.</translation>
    </message>
    <message>
        <source>Native sources</source>
        <translation>Mã nguồn native</translation>
    </message>
    <message>
        <source>*.pyx, *.pxd, *.pxi, *.c, *.cpp, *.f, *.f90: compiled already; only Cython cimport at build time reads them.</source>
        <translation>*.pyx, *.pxd, *.pxi, *.c, *.cpp, *.f, *.f90: đã được biên dịch; chỉ cimport của Cython lúc dựng mới đọc chúng.</translation>
    </message>
    <message>
        <source>Type stubs</source>
        <translation>Stub kiểu</translation>
    </message>
    <message>
        <source>*.pyi files for type checkers; never imported.</source>
        <translation>Các tệp *.pyi cho trình kiểm tra kiểu; không bao giờ được import.</translation>
    </message>
    <message>
        <source>Static libraries</source>
        <translation>Thư viện tĩnh</translation>
    </message>
    <message>
        <source>*.a archives for linking; a running layer never loads them.</source>
        <translation>Các tệp *.a để liên kết; layer đang chạy không bao giờ nạp chúng.</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>*.md and *.rst outside metadata, docs/ and examples/ folders.</source>
        <translation>*.md và *.rst ngoài siêu dữ liệu, các thư mục docs/ và examples/.</translation>
    </message>
    <message>
        <source>Build tools</source>
        <translation>Công cụ dựng</translation>
    </message>
    <message>
        <source>pip, setuptools, wheel, pkg_resources, _distutils_hack and their metadata. Packages that import pkg_resources at run time break.</source>
        <translation>pip, setuptools, wheel, pkg_resources, _distutils_hack và siêu dữ liệu của chúng. Các gói import pkg_resources lúc chạy sẽ hỏng.</translation>
    </message>
    <message>
        <source>Provided by Lambda</source>
        <translation>Lambda đã có sẵn</translation>
    </message>
    <message>
        <source>boto3, botocore, s3transfer, jmespath: the Lambda Python runtime has them, maybe at another version.</source>
        <translation>boto3, botocore, s3transfer, jmespath: runtime Python của Lambda đã có chúng, có thể ở phiên bản khác.</translation>
    </message>
    <message>
        <source>Strip native libraries</source>
        <translation>Strip thư viện native</translation>
    </message>
    <message>
        <source>Removes symbol tables and debug sections from *.so copies. Some libraries (Pillow, OpenCV, libpq) fail to load after it.</source>
        <translation>Gỡ bảng ký hiệu và các phần debug khỏi bản sao *.so. Một số thư viện (Pillow, OpenCV, libpq) không nạp được sau đó.</translation>
    </message>
    <message>
        <source>Package metadata, lite</source>
        <translation>Siêu dữ liệu gói, bản gọn</translation>
    </message>
    <message>
        <source>Files in *.dist-info/ and *.egg-info/ except METADATA, PKG-INFO, entry_points.txt, top_level.txt and requires.txt: version(), entry points and requirement checks keep working; files() and pip uninstall do not.</source>
        <translation>Các tệp trong *.dist-info/ và *.egg-info/ trừ METADATA, PKG-INFO, entry_points.txt, top_level.txt và requires.txt: version(), entry point và kiểm tra yêu cầu vẫn hoạt động; files() và pip uninstall thì không.</translation>
    </message>
    <message>
        <source>Foreign-platform binaries</source>
        <translation>Tệp nhị phân của nền tảng khác</translation>
    </message>
    <message>
        <source>*.exe, *.dll, *.pyd and *.dylib: Windows launchers (pip&apos;s and setuptools&apos; cli-64.exe) and macOS libraries that Lambda&apos;s Linux never loads.</source>
        <translation>*.exe, *.dll, *.pyd và *.dylib: trình khởi chạy Windows (cli-64.exe của pip và setuptools) và thư viện macOS mà Linux của Lambda không bao giờ nạp.</translation>
    </message>
    <message>
        <source>Not used by the traced run</source>
        <translation>Không dùng đến trong lần chạy được theo dõi</translation>
    </message>
    <message>
        <source>Packages and subpackages the traced smoke script never imported, except files it opened and native libraries kept extensions link against. Code paths the script did not run may still need them.</source>
        <translation>Các gói và gói con mà script kiểm tra được theo dõi không hề import, trừ các tệp nó đã mở và các thư viện native mà các extension được giữ lại liên kết tới. Những nhánh mã mà script không chạy qua có thể vẫn cần chúng.</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Alone: %1 bytes in %2 files.&lt;br&gt;Beyond the other choices: %3 bytes in %4 files.</source>
        <translation>Riêng quy tắc này: %1 byte trong %2 tệp.&lt;br&gt;Thêm vào các lựa chọn khác: %3 byte trong %4 tệp.</translation>
    </message>
    <message>
        <source>Spared: %1</source>
        <translation>Được chừa ra: %1</translation>
    </message>
    <message>
        <source>safe</source>
        <translation>an toàn</translation>
    </message>
    <message>
        <source>caution</source>
        <translation>thận trọng</translation>
    </message>
    <message>
        <source>risky</source>
        <translation>rủi ro</translation>
    </message>
    <message>
        <source>on export</source>
        <translation>khi xuất</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message numerus="yes">
        <source>%n spared</source>
        <translation>
            <numerusform>%n được chừa ra</numerusform>
        </translation>
    </message>
    <message>
        <source>What the rule frees if it were the only choice.</source>
        <translation>Dung lượng quy tắc giải phóng nếu nó là lựa chọn duy nhất.</translation>
    </message>
    <message>
        <source>What the rule frees on top of every other rule and manual prune: the gauge moves by this much when you toggle it.</source>
        <translation>Dung lượng quy tắc giải phóng thêm ngoài mọi quy tắc khác và các mục lược bỏ thủ công: thanh đo dịch chuyển đúng chừng này khi bạn bật tắt nó.</translation>
    </message>
    <message>
        <source>Packages or paths the rule leaves alone (double-click to edit).</source>
        <translation>Các gói hoặc đường dẫn mà quy tắc bỏ qua (nhấp đúp để sửa).</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Quy tắc</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Rủi ro</translation>
    </message>
    <message>
        <source>Alone</source>
        <translation>Riêng lẻ</translation>
    </message>
    <message>
        <source>In union</source>
        <translation>Khi kết hợp</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Ngoại lệ</translation>
    </message>
    <message>
        <source>Kept because the layer&apos;s code reads it:</source>
        <translation>Được giữ vì mã của lớp đọc nó:</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>&amp;Exceptions…</source>
        <translation>&amp;Ngoại lệ…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prune rules&lt;/b&gt;</source>
        <translation>&lt;b&gt;Quy tắc lược bỏ&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Keep some packages or paths the current rule would prune</source>
        <translation>Giữ lại một số gói hoặc đường dẫn mà quy tắc hiện tại sẽ lược bỏ</translation>
    </message>
    <message>
        <source>Tick a rule to leave its matches out; hover for what can break.</source>
        <translation>Đánh dấu một quy tắc để bỏ những gì nó khớp; rê chuột để xem điều gì có thể hỏng.</translation>
    </message>
</context>
<context>
    <name>ScanJob</name>
    <message>
        <source>Scan cancelled.</source>
        <translation>Đã hủy quét.</translation>
    </message>
</context>
<context>
    <name>StackOverlaps</name>
    <message>
        <source>Python imports this layer&apos;s copies: they unpack into python/lib/pythonX.Y/site-packages, which comes before /opt/python on sys.path.</source>
        <translation>Python nạp các bản của lớp này: chúng được giải nén vào python/lib/pythonX.Y/site-packages, thư mục đứng trước /opt/python trong sys.path.</translation>
    </message>
    <message>
        <source>Python imports %1&apos;s copies: they unpack into python/lib/pythonX.Y/site-packages, which comes before /opt/python on sys.path.</source>
        <translation>Python nạp các bản của %1: chúng được giải nén vào python/lib/pythonX.Y/site-packages, thư mục đứng trước /opt/python trong sys.path.</translation>
    </message>
    <message>
        <source>Both unpack into the same folder: the layer later in the function&apos;s list overwrites the other&apos;s files one by one, so Python imports this layer&apos;s copies if it comes after %1. Where versions differ, files only the earlier copy has stay and mix in.</source>
        <translation>Cả hai được giải nén vào cùng một thư mục: lớp đứng sau trong danh sách của hàm ghi đè từng tệp của lớp kia, nên Python nạp các bản của lớp này nếu nó đứng sau %1. Khi phiên bản khác nhau, các tệp chỉ bản trước có vẫn còn và bị trộn lẫn.</translation>
    </message>
    <message>
        <source>%1 here, %2 there</source>
        <translation>%1 ở đây, %2 ở kia</translation>
    </message>
    <message>
        <source>%1 %2: %3 here, %4 there</source>
        <translation>%1 %2: %3 ở đây, %4 ở kia</translation>
    </message>
    <message>
        <source>&lt;b&gt;Also in %1&lt;/b&gt;, at least %2 counted twice:</source>
        <translation>&lt;b&gt;Cũng có trong %1&lt;/b&gt;, ít nhất %2 bị tính hai lần:</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <source>New Layer from Requirements</source>
        <translation>Layer mới từ requirements</translation>
    </message>
    <message>
        <source>pip&apos;s &amp;output:</source>
        <translation>&amp;Đầu ra của pip:</translation>
    </message>
    <message>
        <source>pip&apos;s messages appear here while it runs; its warnings and errors in red.</source>
        <translation>Thông báo của pip hiện ở đây khi nó chạy; cảnh báo và lỗi có màu đỏ.</translation>
    </message>
    <message>
        <source>&amp;Stage</source>
        <translation>&amp;Dựng</translation>
    </message>
    <message>
        <source>Run pip install for the target into the layer folder</source>
        <translation>Chạy pip install cho đích vào thư mục layer</translation>
    </message>
    <message>
        <source>Running pip…</source>
        <translation>Đang chạy pip…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <source>Stop pip; nothing is written</source>
        <translation>Dừng pip; không có gì được ghi</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelling:&lt;/b&gt; stopping pip…</source>
        <translation>&lt;b&gt;Đang hủy:&lt;/b&gt; đang dừng pip…</translation>
    </message>
    <message>
        <source>Cancel pressed: stopping pip.</source>
        <translation>Đã bấm Hủy: đang dừng pip.</translation>
    </message>
    <message numerus="yes">
        <source>Running pip: %n distribution(s) collected so far.</source>
        <translation>
            <numerusform>Đang chạy pip: đã thu thập %n bản phân phối.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Staged&lt;/b&gt; %n distribution(s) for %1 into %2.</source>
        <translation>
            <numerusform>&lt;b&gt;Đã dựng&lt;/b&gt; %n bản phân phối cho %1 vào %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The explorer opens it now.</source>
        <translation>Trình duyệt layer sẽ mở nó ngay.</translation>
    </message>
    <message>
        <source>Staged into %1.</source>
        <translation>Đã dựng vào %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled:&lt;/b&gt; pip was stopped and nothing was written.</source>
        <translation>&lt;b&gt;Đã hủy:&lt;/b&gt; pip đã dừng và không có gì được ghi.</translation>
    </message>
    <message>
        <source>pip stopped %1 s after Cancel; its files were removed.</source>
        <translation>pip đã dừng %1 giây sau khi Hủy; các tệp của nó đã được xóa.</translation>
    </message>
    <message>
        <source>&lt;b&gt;pip failed&lt;/b&gt; (exit status %1); nothing was written.</source>
        <translation>&lt;b&gt;pip lỗi&lt;/b&gt; (mã thoát %1); không có gì được ghi.</translation>
    </message>
    <message>
        <source>pip failed with exit status %1.</source>
        <translation>pip lỗi với mã thoát %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was staged:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Chưa dựng được gì:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>StageForm</name>
    <message>
        <source>&amp;Replace an existing python/ folder once pip has succeeded</source>
        <translation>&amp;Thay thư mục python/ có sẵn khi pip đã chạy xong</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>requirements.txt, as pip reads it</source>
        <translation>requirements.txt, theo cách pip đọc nó</translation>
    </message>
    <message>
        <source>the layer folder; the packages go to its python/ folder</source>
        <translation>thư mục layer; các gói được đặt vào thư mục python/ của nó</translation>
    </message>
    <message>
        <source>The Python whose pip runs; it need not be the runtime&apos;s version</source>
        <translation>Python có pip sẽ chạy; không cần trùng phiên bản của runtime</translation>
    </message>
    <message>
        <source>python3 on PATH</source>
        <translation>python3 trong PATH</translation>
    </message>
    <message>
        <source>e.g. --no-index --find-links ~/wheelhouse, or --index-url URL</source>
        <translation>ví dụ --no-index --find-links ~/wheelhouse, hoặc --index-url URL</translation>
    </message>
    <message>
        <source>Passed to pip install after LayerSlim&apos;s own options</source>
        <translation>Truyền cho pip install sau các tùy chọn của chính LayerSlim</translation>
    </message>
    <message>
        <source>Re&amp;quirements file:</source>
        <translation>Tệp re&amp;quirements:</translation>
    </message>
    <message>
        <source>Choose the requirements file</source>
        <translation>Chọn tệp requirements</translation>
    </message>
    <message>
        <source>&amp;Layer folder:</source>
        <translation>Thư mục &amp;layer:</translation>
    </message>
    <message>
        <source>Choose the folder for the new layer</source>
        <translation>Chọn thư mục cho layer mới</translation>
    </message>
    <message>
        <source>&amp;Target runtime:</source>
        <translation>Runtime &amp;đích:</translation>
    </message>
    <message>
        <source>P&amp;ython:</source>
        <translation>P&amp;ython:</translation>
    </message>
    <message>
        <source>Choose another interpreter</source>
        <translation>Chọn trình thông dịch khác</translation>
    </message>
    <message>
        <source>Extra &amp;pip options:</source>
        <translation>Tùy chọn &amp;pip thêm:</translation>
    </message>
    <message>
        <source>Choose a requirements file</source>
        <translation>Chọn một tệp requirements</translation>
    </message>
    <message>
        <source>Requirements files (*.txt *.in);;All files (*)</source>
        <translation>Tệp requirements (*.txt *.in);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Choose a Python interpreter</source>
        <translation>Chọn một trình thông dịch Python</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not a usable Python 3:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Không phải Python 3 dùng được:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>%1 — Python %2 (%3)</source>
        <translation>%1 — Python %2 (%3)</translation>
    </message>
    <message>
        <source>%1 with glibc %2: pip takes only %3 wheels for CPython %4 and compiles no bytecode.</source>
        <translation>%1 với glibc %2: pip chỉ lấy các wheel %3 cho CPython %4 và không biên dịch bytecode.</translation>
    </message>
    <message>
        <source>Choose or type a folder; it is created when needed.</source>
        <translation>Chọn hoặc gõ một thư mục; nó sẽ được tạo khi cần.</translation>
    </message>
    <message>
        <source>The packages go to %1.</source>
        <translation>Các gói được đặt vào %1.</translation>
    </message>
    <message>
        <source>%1 exists; it is replaced once pip has succeeded and kept if pip fails.</source>
        <translation>%1 đã có; nó được thay khi pip chạy xong và được giữ nếu pip lỗi.</translation>
    </message>
    <message>
        <source>%1 exists already: tick Replace, or choose another folder.</source>
        <translation>%1 đã có: hãy đánh dấu Thay, hoặc chọn thư mục khác.</translation>
    </message>
    <message>
        <source>Choose a requirements file.</source>
        <translation>Hãy chọn một tệp requirements.</translation>
    </message>
    <message>
        <source>%1 is not a readable file.</source>
        <translation>%1 không phải tệp đọc được.</translation>
    </message>
    <message>
        <source>Choose a folder for the new layer.</source>
        <translation>Hãy chọn một thư mục cho layer mới.</translation>
    </message>
    <message>
        <source>Choose a Python interpreter.</source>
        <translation>Hãy chọn một trình thông dịch Python.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&lt;span style=&apos;font-size:22pt; font-weight:600&apos;&gt;LayerSlim&lt;/span&gt;&lt;br&gt;&lt;span style=&apos;font-size:11pt&apos;&gt;Fit Python dependencies into an AWS Lambda layer: see what takes the space, prune it with rules whose risk is spelled out, and export a layer zip. The folder you open is never written to.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;font-size:22pt; font-weight:600&apos;&gt;LayerSlim&lt;/span&gt;&lt;br&gt;&lt;span style=&apos;font-size:11pt&apos;&gt;Thu gọn các gói Python cho vừa một lớp AWS Lambda: xem cái gì chiếm dung lượng, lược bỏ bằng các quy tắc có nêu rõ rủi ro, rồi xuất ra tệp zip lớp. Thư mục bạn mở không bao giờ bị ghi vào.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Mở &amp;thư mục…</translation>
    </message>
    <message>
        <source>Open &amp;Zip…</source>
        <translation>Mở tệp &amp;zip…</translation>
    </message>
    <message>
        <source>…or drop a folder or a layer zip anywhere on this window.</source>
        <translation>…hoặc thả một thư mục hay tệp zip lớp vào bất kỳ đâu trên cửa sổ này.</translation>
    </message>
    <message>
        <source>Layer or site-packages</source>
        <translation>Lớp hoặc site-packages</translation>
    </message>
    <message>
        <source>Where it comes from</source>
        <translation>Nguồn gốc</translation>
    </message>
    <message>
        <source>Demo layer</source>
        <translation>Lớp mẫu</translation>
    </message>
    <message>
        <source>Python site-packages on this machine</source>
        <translation>Thư mục site-packages của Python trên máy này</translation>
    </message>
    <message>
        <source>Recent layers</source>
        <translation>Các lớp gần đây</translation>
    </message>
    <message>
        <source>numpy + scipy + pandas from Debian</source>
        <translation>numpy + scipy + pandas từ Debian</translation>
    </message>
    <message>
        <source>Asking the Python interpreters on PATH…</source>
        <translation>Đang hỏi các trình thông dịch Python trên PATH…</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Mở %1</translation>
    </message>
    <message>
        <source>No python3 interpreter on PATH named a site-packages folder.</source>
        <translation>Không có trình thông dịch python3 nào trên PATH chỉ ra thư mục site-packages.</translation>
    </message>
    <message>
        <source>recently opened</source>
        <translation>mở gần đây</translation>
    </message>
    <message>
        <source>Nothing opened yet.</source>
        <translation>Chưa mở gì.</translation>
    </message>
    <message>
        <source>&amp;New Layer from Requirements…</source>
        <translation>Layer &amp;mới từ requirements…</translation>
    </message>
    <message>
        <source>Run pip for a Lambda runtime into a new layer folder, then open it</source>
        <translation>Chạy pip cho một runtime Lambda vào thư mục layer mới, rồi mở nó</translation>
    </message>
</context>
<context>
    <name>TreePanel</name>
    <message>
        <source>Filter by name (* and ? allowed)</source>
        <translation>Lọc theo tên (được dùng * và ?)</translation>
    </message>
</context>
<context>
    <name>TreemapLegend</name>
    <message>
        <source>Treemap legend</source>
        <translation>Chú giải bản đồ cây</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Pruned</source>
        <translation>Đã lược bỏ</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… và %n bản nữa</numerusform>
        </translation>
    </message>
    <message>
        <source>No distribution, or several</source>
        <translation>Không thuộc bản nào, hoặc nhiều bản</translation>
    </message>
</context>
<context>
    <name>TreemapWidget</name>
    <message>
        <source>Treemap</source>
        <translation>Bản đồ cây</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message numerus="yes">
        <source>Size: %1 in %n file(s)</source>
        <translation>
            <numerusform>Kích thước: %1 trong %n tệp</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept: %1 (%2 pruned)</source>
        <translation>Giữ lại: %1 (lược bỏ %2)</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Kích thước: %1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>Loại: %1</translation>
    </message>
    <message>
        <source>Pruned: manual</source>
        <translation>Lược bỏ: thủ công</translation>
    </message>
    <message>
        <source>Pruned by rule: %1</source>
        <translation>Bị lược bỏ bởi quy tắc: %1</translation>
    </message>
    <message>
        <source>No layer open</source>
        <translation>Chưa mở lớp nào</translation>
    </message>
    <message>
        <source>Laying out…</source>
        <translation>Đang sắp xếp…</translation>
    </message>
    <message>
        <source>Everything here is pruned.</source>
        <translation>Mọi thứ ở đây đều đã bị lược bỏ.</translation>
    </message>
    <message>
        <source>Nothing here takes up space.</source>
        <translation>Không có gì ở đây chiếm dung lượng.</translation>
    </message>
    <message>
        <source>Distribution: none, or several</source>
        <translation>Bản phân phối: không có, hoặc nhiều bản</translation>
    </message>
    <message>
        <source>Distribution: %1 %2</source>
        <translation>Bản phân phối: %1 %2</translation>
    </message>
</context>
<context>
    <name>VerifyTab</name>
    <message>
        <source>passed</source>
        <translation>đạt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>bị sập</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>quá thời gian</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>chưa chạy</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Khác…</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Xác minh</translation>
    </message>
    <message>
        <source>Find &amp;Culprit</source>
        <translation>Tìm &amp;thủ phạm</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Mô-đun</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Interpreter that imports the kept set (-S -I, clean environment)</source>
        <translation>Trình thông dịch import phần được giữ (-S -I, môi trường sạch)</translation>
    </message>
    <message>
        <source>Looking for Python…</source>
        <translation>Đang tìm Python…</translation>
    </message>
    <message>
        <source>Use an interpreter that is not on PATH or in pyenv</source>
        <translation>Dùng một trình thông dịch không có trong PATH hay pyenv</translation>
    </message>
    <message>
        <source>Build the kept set in a scratch folder and import every top-level package</source>
        <translation>Dựng phần được giữ trong một thư mục tạm và import mọi gói cấp cao nhất</translation>
    </message>
    <message>
        <source>Bisect the pruned paths for the smallest set the failed import needs</source>
        <translation>Chia đôi các đường dẫn đã loại để tìm tập nhỏ nhất mà lệnh import lỗi cần</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <source>Select a module to see its output</source>
        <translation>Chọn một mô-đun để xem đầu ra của nó</translation>
    </message>
    <message>
        <source>Choose a Python interpreter</source>
        <translation>Chọn một trình thông dịch Python</translation>
    </message>
    <message>
        <source>%1 — Python %2 (%3)</source>
        <translation>%1 — Python %2 (%3)</translation>
    </message>
    <message>
        <source>No Python 3 found on PATH or in ~/.pyenv</source>
        <translation>Không tìm thấy Python 3 trong PATH hay ~/.pyenv</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Importing every top-level package with %1…</source>
        <translation>Đang import mọi gói cấp cao nhất bằng %1…</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>Đã hủy xác minh.</translation>
    </message>
    <message>
        <source>Verify imports the kept set with a real Python.</source>
        <translation>Xác minh import phần được giữ bằng một Python thật.</translation>
    </message>
    <message>
        <source>smoke: %1</source>
        <translation>chạy thử: %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <source>Import time</source>
        <translation>Thời gian import</translation>
    </message>
    <message>
        <source>%1 ms ± %2</source>
        <translation>%1 ms ± %2</translation>
    </message>
    <message numerus="yes">
        <source>Cold import, median of %n fresh process(es): %1..%2 ms; the whole process took %3 ms</source>
        <translation>
            <numerusform>Import nguội, trung vị của %n tiến trình mới: %1..%2 ms; cả tiến trình mất %3 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b style=&apos;color:#2e7d32&apos;&gt;Verified:&lt;/b&gt; all %n check(s) passed.</source>
        <translation>
            <numerusform>&lt;b style=&apos;color:#2e7d32&apos;&gt;Đã xác minh:&lt;/b&gt; cả %n bước kiểm tra đều đạt.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;Not verified:&lt;/b&gt; %1 of %2 checks failed.</source>
        <translation>&lt;b style=&apos;color:#c62828&apos;&gt;Chưa xác minh được:&lt;/b&gt; %1 / %2 bước kiểm tra lỗi.</translation>
    </message>
    <message>
        <source>%1: %2 in %3 s (exit %4)</source>
        <translation>%1: %2 trong %3 giây (mã thoát %4)</translation>
    </message>
    <message>
        <source>(output shortened)</source>
        <translation>(đầu ra đã rút gọn)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore and slim a Python tree into an AWS Lambda layer.</source>
        <translation>Khám phá và thu gọn một cây Python thành lớp AWS Lambda.</translation>
    </message>
    <message>
        <source>Layer folder, site-packages or layer zip to open.</source>
        <translation>Thư mục lớp, site-packages hoặc tệp zip lớp cần mở.</translation>
    </message>
    <message>
        <source>Rule ids to enable, comma-separated.</source>
        <translation>Mã các quy tắc cần bật, phân tách bằng dấu phẩy.</translation>
    </message>
    <message>
        <source>Profile to apply once PATH is open.</source>
        <translation>Hồ sơ áp dụng sau khi mở PATH.</translation>
    </message>
    <message>
        <source>Save the window to FILE once PATH is shown, then quit.</source>
        <translation>Lưu ảnh cửa sổ vào FILE sau khi hiện PATH, rồi thoát.</translation>
    </message>
    <message>
        <source>Select this path (relative to PATH) once open.</source>
        <translation>Chọn đường dẫn này (tương đối so với PATH) sau khi mở.</translation>
    </message>
    <message>
        <source>Log debug messages to stderr.</source>
        <translation>Ghi thông điệp gỡ lỗi ra stderr.</translation>
    </message>
    <message>
        <source>Bring this dock to the front once open: checks, requirements or breakdown.</source>
        <translation>Đưa bảng này lên trước khi mở: checks, requirements hoặc breakdown.</translation>
    </message>
    <message>
        <source>Compare the open layer with this zip or folder once open (with --screenshot, the comparison&apos;s window is saved).</source>
        <translation>So sánh lớp đang mở với tệp zip hoặc thư mục này khi đã mở (với --screenshot, cửa sổ so sánh được lưu).</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 byte</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
</context>
</TS>
